import { describe, expect, it } from 'vitest';
import { callOptions, chatRequest, collect, fixtureIn, rejection, sameRouteOn, streamedText, useProviderReplay } from '../../../test/support/providers/provider-replay.js';
import { jsonFixture, sseFixture } from '../../../test/support/providers/replay-server.js';
import { createOpenAIAdapter, openAIBaseUrl } from './adapter.js';

const API_KEY = 'sk-proj-Lk3Xq9Wm2Rt7Vz4Nc8Hb1Pd6Js0Fy5GaUe3Oi8Rn2Wq7Tz4Vc';
const fixture = fixtureIn(import.meta.url);
const replay = useProviderReplay((origin) => createOpenAIAdapter({ apiKey: API_KEY, baseUrl: sameRouteOn(origin, openAIBaseUrl) }));
const request = chatRequest('gpt-4o-mini');

describe('OpenAI adapter: happy path', () => {
  it('parses a completion with cached tokens, sent to /v1/chat/completions', async () => {
    replay.server.reply(jsonFixture(fixture('chat-completion.json')));
    const result = await replay.adapter.chat(request, callOptions());

    expect(result).toMatchObject({ text: 'The capital of France is Paris.', finishReason: 'stop', toolCalls: [], responseModel: 'gpt-4o-mini-2024-07-18' });
    expect(result.usage).toMatchObject({ inputTokens: 98, outputTokens: 8, cacheReadTokens: 1152, reasoningTokens: 0 });
    const sent = replay.sent();
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('streams text, then the usage-only chunk include_usage asks for', async () => {
    replay.server.reply(sseFixture(fixture('chat-completion-stream.sse.txt'), 37));
    const events = await collect(replay.adapter.streamChat(request, callOptions()));

    expect(streamedText(events)).toBe('The capital of France is Paris.');
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: expect.objectContaining({ inputTokens: 98, outputTokens: 8, cacheReadTokens: 1152 }) },
      { type: 'finish', finishReason: 'stop' },
    ]);
    expect(replay.sent().body).toMatchObject({ stream_options: { include_usage: true } });
  });
});

describe('OpenAI adapter: error path and security', () => {
  it('returns an invalid key (401) at once, with neither the key nor its masked echo leaking', async () => {
    replay.server.reply(jsonFixture(fixture('error-401-invalid-key.json')));
    const error = await rejection(replay.adapter.chat(request, callOptions()));

    expect(error).toMatchObject({ provider: 'openai', kind: 'http', status: 401, isRetryable: false });
    expect(error.upstreamMessage).toMatch(/^Incorrect API key provided/);
    expect(JSON.stringify([error.message, error.upstreamMessage, error.stack])).not.toContain(API_KEY.slice(8));
  });
});
