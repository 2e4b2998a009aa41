import { describe, expect, it } from 'vitest';
import { callOptions, chatRequest, collect, fixtureIn, rejection, sameRouteOn, streamedText, useProviderReplay } from '../../../test/support/providers/provider-replay.js';
import { jsonFixture, sseFixture } from '../../../test/support/providers/replay-server.js';
import { createNovitaAdapter, novitaBaseUrl } from './adapter.js';

const API_KEY = 'sk_Rq4Wn8Zt2Xm6Lp0Vc3Hb7Kd1Js5Fy9Ga';
const fixture = fixtureIn(import.meta.url);
const replay = useProviderReplay((origin) => createNovitaAdapter({ apiKey: API_KEY, baseUrl: sameRouteOn(origin, novitaBaseUrl) }));
const request = chatRequest('meta-llama/llama-3.1-8b-instruct');

describe('Novita adapter: happy path', () => {
  it('parses a completion with null token details, sent to /v3/openai/chat/completions', async () => {
    replay.server.reply(jsonFixture(fixture('chat-completion.json')));
    const result = await replay.adapter.chat(request, callOptions());

    expect(result).toMatchObject({ text: 'The capital of France is Paris.', finishReason: 'stop', toolCalls: [] });
    expect(result.usage).toMatchObject({ inputTokens: 48, outputTokens: 8, cacheReadTokens: 0, reasoningTokens: 0 });
    const sent = replay.sent();
    expect(sent.path).toBe('/v3/openai/chat/completions');
    expect(sent.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('streams text, then the usage-only chunk after finish_reason', async () => {
    replay.server.reply(sseFixture(fixture('chat-completion-stream.sse.txt'), 23));
    const events = await collect(replay.adapter.streamChat(request, callOptions()));

    expect(streamedText(events)).toBe('The capital of France is Paris.');
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: expect.objectContaining({ inputTokens: 48, outputTokens: 8 }) },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });
});

describe('Novita adapter: error path', () => {
  it('reads the message of its `{code, reason, message}` body and does not retry a 403', async () => {
    replay.server.reply(jsonFixture(fixture('error-403-verification.json')));
    const error = await rejection(replay.adapter.chat(request, callOptions()));

    expect(error).toMatchObject({ provider: 'novita', kind: 'http', status: 403, isRetryable: false });
    expect(error.upstreamMessage).toMatch(/requires identity verification/);
  });
});
