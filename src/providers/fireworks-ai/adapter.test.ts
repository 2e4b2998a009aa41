import { describe, expect, it } from 'vitest';
import { callOptions, chatRequest, collect, fixtureIn, rejection, sameRouteOn, streamedText, useProviderReplay } from '../../../test/support/providers/provider-replay.js';
import { jsonFixture, sseFixture } from '../../../test/support/providers/replay-server.js';
import { createFireworksAIAdapter, fireworksAIBaseUrl } from './adapter.js';

const API_KEY = 'fw_3Kd9Qm2Xr7Lp4Vz8Nc1Tb6Hs0Wj5Yf';
const fixture = fixtureIn(import.meta.url);
const replay = useProviderReplay((origin) => createFireworksAIAdapter({ apiKey: API_KEY, baseUrl: sameRouteOn(origin, fireworksAIBaseUrl) }));
const request = chatRequest('accounts/fireworks/models/llama-v3p1-8b-instruct');

describe('Fireworks adapter: happy path', () => {
  it('parses a completion with cached prompt tokens, sent to /inference/v1/chat/completions', async () => {
    replay.server.reply(jsonFixture(fixture('chat-completion.json')));
    const result = await replay.adapter.chat(request, callOptions());

    expect(result).toMatchObject({ text: 'The capital of France is Paris.', finishReason: 'stop', toolCalls: [] });
    expect(result.usage).toMatchObject({ inputTokens: 53, outputTokens: 8, cacheReadTokens: 1024 });
    const sent = replay.sent();
    expect(sent.path).toBe('/inference/v1/chat/completions');
    expect(sent.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(sent.body).toMatchObject({ model: 'accounts/fireworks/models/llama-v3p1-8b-instruct' });
  });

  it('streams a reply cut at max_tokens, with usage on the same last chunk', async () => {
    replay.server.reply(sseFixture(fixture('chat-completion-stream.sse.txt'), 9));
    const events = await collect(replay.adapter.streamChat(request, callOptions()));

    expect(streamedText(events)).toBe('The capital of France is Paris.');
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: expect.objectContaining({ inputTokens: 53, outputTokens: 8, cacheReadTokens: 1024 }) },
      { type: 'finish', finishReason: 'length' },
    ]);
  });
});

describe('Fireworks adapter: error path', () => {
  it('returns a prompt longer than the context as a non-retryable 400', async () => {
    replay.server.reply(jsonFixture(fixture('error-400-context-length.json')));
    const error = await rejection(replay.adapter.chat(request, callOptions()));

    expect(error).toMatchObject({ provider: 'fireworks-ai', kind: 'http', status: 400, isRetryable: false });
    expect(error.upstreamMessage).toBe('The prompt is too long: 140211, model maximum context length: 131072');
  });
});
