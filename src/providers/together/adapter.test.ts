import { describe, expect, it } from 'vitest';
import { callOptions, chatRequest, collect, fixtureIn, rejection, sameRouteOn, streamedText, useProviderReplay } from '../../../test/support/providers/provider-replay.js';
import { jsonFixture, sseFixture } from '../../../test/support/providers/replay-server.js';
import { createTogetherAdapter, togetherBaseUrl } from './adapter.js';

const API_KEY = 'tgp_v1_Hq3Zr8Nw2Lx7Pc5Vb0Tk9Ms4Jd6Fg1Ya8Ue3Oi2Rn7Wq';
const fixture = fixtureIn(import.meta.url);
const replay = useProviderReplay((origin) => createTogetherAdapter({ apiKey: API_KEY, baseUrl: sameRouteOn(origin, togetherBaseUrl) }));
const request = chatRequest('meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo');

describe('Together adapter: happy path', () => {
  it('parses a completion that finished with "eos" as a stop, sent to /v1/chat/completions', async () => {
    replay.server.reply(jsonFixture(fixture('chat-completion.json')));
    const result = await replay.adapter.chat(request, callOptions());

    expect(result).toMatchObject({ text: 'The capital of France is Paris.', finishReason: 'stop', toolCalls: [], responseModel: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo' });
    expect(result.usage).toMatchObject({ inputTokens: 48, outputTokens: 9, cacheReadTokens: 0 });
    const sent = replay.sent();
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('streams the delta text (not the duplicate `text` field), then usage from the last chunk', async () => {
    replay.server.reply(sseFixture(fixture('chat-completion-stream.sse.txt'), 13));
    const events = await collect(replay.adapter.streamChat(request, callOptions()));

    expect(streamedText(events)).toBe('The capital of France is Paris.');
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: expect.objectContaining({ inputTokens: 48, outputTokens: 9 }) },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });
});

describe('Together adapter: error path', () => {
  it('classifies an overloaded engine (503) as retryable', async () => {
    replay.server.reply(jsonFixture(fixture('error-503-overloaded.json')));
    const error = await rejection(collect(replay.adapter.streamChat(request, callOptions())));

    expect(error).toMatchObject({ provider: 'together', kind: 'http', status: 503, isRetryable: true, retryAfterMs: 1000 });
    expect(error.upstreamMessage).toBe('The server is overloaded or not ready yet.');
  });
});
