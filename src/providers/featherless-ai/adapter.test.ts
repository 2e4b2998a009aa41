import { describe, expect, it } from 'vitest';
import { callOptions, chatRequest, collect, fixtureIn, rejection, sameRouteOn, streamedText, useProviderReplay } from '../../../test/support/providers/provider-replay.js';
import { jsonFixture, sseFixture } from '../../../test/support/providers/replay-server.js';
import { createFeatherlessAIAdapter, featherlessAIBaseUrl } from './adapter.js';

const API_KEY = 'rc_4f9a2d7e1b8c3f6a0d5e9b2c7f1a4d8e3b6c0f5a9d2e7b1c';
const fixture = fixtureIn(import.meta.url);
const replay = useProviderReplay((origin) => createFeatherlessAIAdapter({ apiKey: API_KEY, baseUrl: sameRouteOn(origin, featherlessAIBaseUrl) }));
const request = chatRequest('meta-llama/Meta-Llama-3.1-8B-Instruct');

describe('Featherless adapter: happy path', () => {
  it('parses a completion sent to /v1/chat/completions with the key', async () => {
    replay.server.reply(jsonFixture(fixture('chat-completion.json')));
    const result = await replay.adapter.chat(request, callOptions());

    expect(result).toMatchObject({ text: 'The capital of France is Paris.', finishReason: 'stop', toolCalls: [] });
    expect(result.usage).toMatchObject({ inputTokens: 48, outputTokens: 8 });
    const sent = replay.sent();
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('streams text, then usage and finish', async () => {
    replay.server.reply(sseFixture(fixture('chat-completion-stream.sse.txt'), 43));
    const events = await collect(replay.adapter.streamChat(request, callOptions()));

    expect(streamedText(events)).toBe('The capital of France is Paris.');
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: expect.objectContaining({ inputTokens: 48, outputTokens: 8 }) },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });
});

describe('Featherless adapter: error path', () => {
  it('classifies a concurrency-limit 429 as retryable (another provider can take the call)', async () => {
    replay.server.reply(jsonFixture(fixture('error-429-concurrency.json')));
    const error = await rejection(replay.adapter.chat(request, callOptions()));

    expect(error).toMatchObject({ provider: 'featherless-ai', kind: 'http', status: 429, isRetryable: true, retryAfterMs: undefined });
    expect(error.upstreamMessage).toMatch(/^Concurrency limit exceeded/);
  });
});
