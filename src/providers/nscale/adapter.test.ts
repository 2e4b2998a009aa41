import { describe, expect, it } from 'vitest';
import { callOptions, chatRequest, collect, fixtureIn, rejection, sameRouteOn, streamedText, useProviderReplay } from '../../../test/support/providers/provider-replay.js';
import { jsonFixture, sseFixture } from '../../../test/support/providers/replay-server.js';
import { createNscaleAdapter, nscaleBaseUrl } from './adapter.js';

const API_KEY = 'ns_Wd5Kq9Xm2Lr7Tz4Vc8Nb1Hp6Js3Fy0Ga';
const fixture = fixtureIn(import.meta.url);
const replay = useProviderReplay((origin) => createNscaleAdapter({ apiKey: API_KEY, baseUrl: sameRouteOn(origin, nscaleBaseUrl) }));
const request = chatRequest('meta-llama/Llama-3.1-8B-Instruct');

describe('Nscale adapter: happy path', () => {
  it('parses a completion sent to /v1/chat/completions with the key', async () => {
    replay.server.reply(jsonFixture(fixture('chat-completion.json')));
    const result = await replay.adapter.chat(request, callOptions());

    expect(result).toMatchObject({ text: 'The capital of France is Paris.', finishReason: 'stop', toolCalls: [] });
    expect(result.usage).toMatchObject({ inputTokens: 48, outputTokens: 8, cacheReadTokens: 0 });
    const sent = replay.sent();
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('streams text, then usage and finish', async () => {
    replay.server.reply(sseFixture(fixture('chat-completion-stream.sse.txt'), 29));
    const events = await collect(replay.adapter.streamChat(request, callOptions()));

    expect(streamedText(events)).toBe('The capital of France is Paris.');
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: expect.objectContaining({ inputTokens: 48, outputTokens: 8 }) },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });
});

describe('Nscale adapter: error path', () => {
  it('returns an unknown model as a non-retryable 404', async () => {
    replay.server.reply(jsonFixture(fixture('error-404-model.json')));
    const error = await rejection(replay.adapter.chat(request, callOptions()));

    expect(error).toMatchObject({ provider: 'nscale', kind: 'http', status: 404, isRetryable: false });
    expect(error.upstreamMessage).toMatch(/does not exist/);
  });
});
