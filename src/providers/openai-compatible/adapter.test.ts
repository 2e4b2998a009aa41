import { describe, expect, it } from 'vitest';
import { callOptions, chatRequest, collect, fixtureIn, rejection, streamedText, useProviderReplay } from '../../../test/support/providers/provider-replay.js';
import { jsonFixture, sseFixture } from '../../../test/support/providers/replay-server.js';
import { createSelfHostedAdapter } from './adapter.js';

const fixture = fixtureIn(import.meta.url);
// vLLM's default: no key, served under /v1.
const replay = useProviderReplay((origin) => createSelfHostedAdapter({ baseUrl: `${origin}/v1` }));
const request = chatRequest('meta-llama/Llama-3.1-8B-Instruct');

describe('Self-hosted (openai-compatible) adapter: happy path', () => {
  it('parses a vLLM completion, calling the configured base URL without an Authorization header', async () => {
    replay.server.reply(jsonFixture(fixture('chat-completion.json')));
    const result = await replay.adapter.chat(request, callOptions());

    expect(result).toMatchObject({ text: 'The capital of France is Paris.', finishReason: 'stop', toolCalls: [], responseModel: 'meta-llama/Llama-3.1-8B-Instruct' });
    expect(result.usage).toMatchObject({ inputTokens: 48, outputTokens: 8, cacheReadTokens: 0 });
    const sent = replay.sent();
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers).not.toHaveProperty('authorization');
  });

  it('sends the key when the server was started with one', async () => {
    const adapter = createSelfHostedAdapter({ baseUrl: `${replay.server.origin}/v1`, apiKey: 'vllm-local-token-1234' });
    replay.server.reply(jsonFixture(fixture('chat-completion.json')));
    await adapter.chat(request, callOptions());
    await adapter.close?.();
    expect(replay.sent().headers.authorization).toBe('Bearer vllm-local-token-1234');
  });

  it('streams a reply cut at max_tokens, then usage and finish', async () => {
    replay.server.reply(sseFixture(fixture('chat-completion-stream.sse.txt'), 5));
    const events = await collect(replay.adapter.streamChat(request, callOptions()));

    expect(streamedText(events)).toBe('The capital of France is Paris.');
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: expect.objectContaining({ inputTokens: 48, outputTokens: 8 }) },
      { type: 'finish', finishReason: 'length' },
    ]);
  });
});

describe('Self-hosted (openai-compatible) adapter: error path', () => {
  it("reads vLLM's top-level error message for an unknown model (404, not retried)", async () => {
    replay.server.reply(jsonFixture(fixture('error-404-model.json')));
    const error = await rejection(replay.adapter.chat(request, callOptions()));

    expect(error).toMatchObject({ provider: 'openai-compatible', kind: 'http', status: 404, isRetryable: false, upstreamMessage: 'The model `llama-3.1-8b` does not exist.' });
  });
});
