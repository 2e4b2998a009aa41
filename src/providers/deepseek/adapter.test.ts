import { describe, expect, it } from 'vitest';
import { callOptions, chatRequest, collect, fixtureIn, rejection, sameRouteOn, streamedText, useProviderReplay } from '../../../test/support/providers/provider-replay.js';
import { jsonFixture, sseFixture } from '../../../test/support/providers/replay-server.js';
import { createDeepSeekAdapter, deepSeekBaseUrl } from './adapter.js';

const API_KEY = 'sk-5d8e2f9a1b4c7d0e3f6a9b2c5d8e1f4a';
const fixture = fixtureIn(import.meta.url);
const replay = useProviderReplay((origin) => createDeepSeekAdapter({ apiKey: API_KEY, baseUrl: sameRouteOn(origin, deepSeekBaseUrl) }));
const request = chatRequest('deepseek-chat');

describe('DeepSeek adapter: happy path', () => {
  it('parses a completion with context-cache hits, sent to /chat/completions', async () => {
    replay.server.reply(jsonFixture(fixture('chat-completion.json')));
    const result = await replay.adapter.chat(request, callOptions());

    expect(result).toMatchObject({ text: 'The capital of France is Paris.', finishReason: 'stop', responseModel: 'deepseek-chat' });
    expect(result.usage).toMatchObject({ inputTokens: 24, outputTokens: 8, cacheReadTokens: 1088, raw: { prompt_cache_miss_tokens: 24 } });
    const sent = replay.sent();
    expect(sent.path).toBe('/chat/completions');
    expect(sent.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('counts prompt_cache_hit_tokens as cache reads in a stream whose usage has no prompt_tokens_details', async () => {
    replay.server.reply(sseFixture(fixture('chat-completion-stream.sse.txt'), 31));
    const events = await collect(replay.adapter.streamChat(request, callOptions()));

    expect(streamedText(events)).toBe('The capital of France is Paris.');
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: expect.objectContaining({ inputTokens: 24, outputTokens: 8, cacheReadTokens: 1088, raw: expect.not.objectContaining({ prompt_tokens_details: expect.anything() }) }) },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });
});

describe('DeepSeek adapter: error path', () => {
  it('returns insufficient balance (402) at once, not retried', async () => {
    replay.server.reply(jsonFixture(fixture('error-402-insufficient-balance.json')));
    const error = await rejection(replay.adapter.chat(request, callOptions()));

    expect(error).toMatchObject({ provider: 'deepseek', kind: 'http', status: 402, isRetryable: false, upstreamMessage: 'Insufficient Balance' });
  });
});
