import { describe, expect, it } from 'vitest';
import { callOptions, chatRequest, collect, fixtureIn, rejection, sameRouteOn, streamedText, useProviderReplay } from '../../../test/support/providers/provider-replay.js';
import { jsonFixture, sseFixture } from '../../../test/support/providers/replay-server.js';
import { cerebrasBaseUrl, createCerebrasAdapter } from './adapter.js';

const API_KEY = 'csk-9fk2m4x8q1w7r3t6y0p5v2n8b4c1d7h3';
const fixture = fixtureIn(import.meta.url);
const replay = useProviderReplay((origin) => createCerebrasAdapter({ apiKey: API_KEY, baseUrl: sameRouteOn(origin, cerebrasBaseUrl) }));
const request = chatRequest('llama3.1-8b');

describe('Cerebras adapter: happy path', () => {
  it('parses a completion with cached prompt tokens and its time_info, sent to /v1/chat/completions', async () => {
    replay.server.reply(jsonFixture(fixture('chat-completion.json')));
    const result = await replay.adapter.chat(request, callOptions());

    expect(result).toMatchObject({ text: 'The capital of France is Paris.', finishReason: 'stop', responseModel: 'llama3.1-8b' });
    expect(result.usage).toMatchObject({ inputTokens: 48, outputTokens: 8, cacheReadTokens: 1024 });
    const sent = replay.sent();
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('streams chunks that omit finish_reason until the last, then usage and finish', async () => {
    replay.server.reply(sseFixture(fixture('chat-completion-stream.sse.txt'), 19));
    const events = await collect(replay.adapter.streamChat(request, callOptions()));

    expect(streamedText(events)).toBe('The capital of France is Paris.');
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: expect.objectContaining({ inputTokens: 48, outputTokens: 8, cacheReadTokens: 1024 }) },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });
});

describe('Cerebras adapter: error path', () => {
  it('reads the top-level message of its error body and does not retry a 401', async () => {
    replay.server.reply(jsonFixture(fixture('error-401-wrong-key.json')));
    const error = await rejection(replay.adapter.chat(request, callOptions()));

    expect(error).toMatchObject({ provider: 'cerebras', kind: 'http', status: 401, isRetryable: false, upstreamMessage: 'Wrong API Key' });
  });
});
