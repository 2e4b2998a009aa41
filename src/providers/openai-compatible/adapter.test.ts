import { describe, expect, it } from 'vitest';
import { callOptions, chatRequest, fixtureIn, useProviderReplay } from '../../../test/support/providers/provider-replay.js';
import { jsonFixture } from '../../../test/support/providers/replay-server.js';
import { createSelfHostedAdapter } from './adapter.js';

// A server started with a key; the keyless default is the `openai-compatible` row of ./conformance.test.ts.
const fixture = fixtureIn(import.meta.url);
const replay = useProviderReplay((origin) => createSelfHostedAdapter({ baseUrl: `${origin}/v1`, apiKey: 'vllm-local-token-1234' }));

describe('Self-hosted (openai-compatible) adapter: keys', () => {
  it('sends the key when the server was started with one', async () => {
    replay.server.reply(jsonFixture(fixture('chat-completion.json')));
    await replay.adapter.chat(chatRequest('meta-llama/Llama-3.1-8B-Instruct'), callOptions());
    expect(replay.sent().headers.authorization).toBe('Bearer vllm-local-token-1234');
  });
});
