import { describe, expect, it } from 'vitest';
import { callOptions, chatRequest, collect, fixtureIn, rejection, sameRouteOn, streamedText, useProviderReplay } from '../../../test/support/providers/provider-replay.js';
import { jsonFixture, sseFixture } from '../../../test/support/providers/replay-server.js';
import { createGroqAdapter, groqBaseUrl } from './adapter.js';

const API_KEY = 'gsk_W3q8Lr0Xv5Tn2Kp9Ys6Hd1Fb4Jc7Mg0Za3Ue8Qi5No2Rt9Vw';
const fixture = fixtureIn(import.meta.url);
const replay = useProviderReplay((origin) => createGroqAdapter({ apiKey: API_KEY, baseUrl: sameRouteOn(origin, groqBaseUrl) }));
const request = chatRequest('llama-3.1-8b-instant');

describe('Groq adapter: happy path', () => {
  it('parses a chat completion sent to /openai/v1/chat/completions with the key', async () => {
    replay.server.reply(jsonFixture(fixture('chat-completion.json')));
    const result = await replay.adapter.chat(request, callOptions());

    expect(result).toMatchObject({ text: 'The capital of France is Paris.', finishReason: 'stop', toolCalls: [], responseModel: 'llama-3.1-8b-instant' });
    expect(result.usage).toMatchObject({ inputTokens: 48, outputTokens: 8, cacheReadTokens: 0, raw: { queue_time: 0.018734562 } });
    const sent = replay.sent();
    expect(sent.path).toBe('/openai/v1/chat/completions');
    expect(sent.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(sent.body).toMatchObject({ model: 'llama-3.1-8b-instant', max_tokens: 64 });
  });

  it('reads stream usage from x_groq.usage on the last chunk', async () => {
    replay.server.reply(sseFixture(fixture('chat-completion-stream.sse.txt'), 11));
    const events = await collect(replay.adapter.streamChat(request, callOptions()));

    expect(streamedText(events)).toBe('The capital of France is Paris.');
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: expect.objectContaining({ inputTokens: 48, outputTokens: 8, raw: expect.objectContaining({ total_time: 0.008968194 }) }) },
      { type: 'finish', finishReason: 'stop' },
    ]);
    expect(replay.sent().body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });
});

describe('Groq adapter: error path', () => {
  it('classifies a tokens-per-minute 429 as retryable after Retry-After', async () => {
    replay.server.reply(jsonFixture(fixture('error-429-rate-limited.json')));
    const error = await rejection(replay.adapter.chat(request, callOptions()));

    expect(error).toMatchObject({ provider: 'groq', kind: 'http', status: 429, isRetryable: true, retryAfterMs: 3000 });
    expect(error.upstreamMessage).toMatch(/^Rate limit reached for model `llama-3.1-8b-instant`/);
  });
});
