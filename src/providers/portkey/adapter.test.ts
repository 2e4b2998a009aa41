import { describe, expect, it } from 'vitest';
import { callOptions, chatRequest, collect, fixtureIn, rejection, sameRouteOn, streamedText, useProviderReplay } from '../../../test/support/providers/provider-replay.js';
import { jsonFixture, sseFixture } from '../../../test/support/providers/replay-server.js';
import { createPortkeyAdapter, portkeyBaseUrl } from './adapter.js';

const PORTKEY_KEY = 'pk_Jq2Xm7Wr4Lt9Vz1Nc6Hb3Pd8Js5Fy0Ga';
const OPENAI_KEY = 'sk-proj-Rt7Vz4Nc8Hb1Pd6Js0Fy5GaUe3Oi8Rn2Wq';
const fixture = fixtureIn(import.meta.url);
const replay = useProviderReplay((origin) =>
  createPortkeyAdapter({ apiKey: PORTKEY_KEY, baseUrl: sameRouteOn(origin, portkeyBaseUrl), provider: 'openai', providerApiKey: OPENAI_KEY }),
);
const request = chatRequest('gpt-4o-mini');

describe('Portkey adapter: happy path', () => {
  it('sends its own key as x-portkey-api-key and the routed provider with that provider key', async () => {
    replay.server.reply(jsonFixture(fixture('chat-completion.json')));
    const result = await replay.adapter.chat(request, callOptions());

    expect(result).toMatchObject({ text: 'The capital of France is Paris.', finishReason: 'stop', responseModel: 'gpt-4o-mini-2024-07-18' });
    expect(result.usage).toMatchObject({ inputTokens: 48, outputTokens: 8, cacheReadTokens: 0 });
    const sent = replay.sent();
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers['x-portkey-api-key']).toBe(PORTKEY_KEY);
    expect(sent.headers['x-portkey-provider']).toBe('openai');
    expect(sent.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    expect(sent.headers).not.toHaveProperty('x-portkey-virtual-key');
  });

  it('routes by virtual key alone, sending no Authorization header', async () => {
    const adapter = createPortkeyAdapter({ apiKey: PORTKEY_KEY, baseUrl: sameRouteOn(replay.server.origin, portkeyBaseUrl), virtualKey: 'openai-prod-3f9a2c' });
    replay.server.reply(jsonFixture(fixture('chat-completion.json')));
    await adapter.chat(request, callOptions());
    await adapter.close?.();

    const sent = replay.sent();
    expect(sent.headers['x-portkey-virtual-key']).toBe('openai-prod-3f9a2c');
    expect(sent.headers['x-portkey-api-key']).toBe(PORTKEY_KEY);
    expect(sent.headers).not.toHaveProperty('authorization');
    expect(sent.headers).not.toHaveProperty('x-portkey-provider');
  });

  it('streams the routed provider chunks, then usage and finish', async () => {
    replay.server.reply(sseFixture(fixture('chat-completion-stream.sse.txt'), 47));
    const events = await collect(replay.adapter.streamChat(request, callOptions()));

    expect(streamedText(events)).toBe('The capital of France is Paris.');
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: expect.objectContaining({ inputTokens: 48, outputTokens: 8 }) },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });
});

describe('Portkey adapter: error path', () => {
  it("reads the message of Portkey's own `{status: failure}` body", async () => {
    replay.server.reply(jsonFixture(fixture('error-400-missing-provider.json')));
    const error = await rejection(replay.adapter.chat(request, callOptions()));

    expect(error).toMatchObject({ provider: 'portkey', kind: 'http', status: 400, isRetryable: false });
    expect(error.upstreamMessage).toBe('Either x-portkey-config or x-portkey-provider header is required');
  });
});
