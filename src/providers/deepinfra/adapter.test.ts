import { describe, expect, it } from 'vitest';
import { callOptions, chatRequest, collect, fixtureIn, rejection, sameRouteOn, streamedText, useProviderReplay } from '../../../test/support/providers/provider-replay.js';
import { jsonFixture, sseFixture } from '../../../test/support/providers/replay-server.js';
import { createDeepInfraAdapter, deepInfraBaseUrl } from './adapter.js';

const API_KEY = 'Xb7Qk2Lm9Rt4Vw8Zc1Nd6Hp3Js0Fy5Ga';
const fixture = fixtureIn(import.meta.url);
const replay = useProviderReplay((origin) => createDeepInfraAdapter({ apiKey: API_KEY, baseUrl: sameRouteOn(origin, deepInfraBaseUrl) }));
const request = chatRequest('meta-llama/Meta-Llama-3.1-8B-Instruct');

describe('DeepInfra adapter: happy path', () => {
  it('parses a completion and keeps its estimated cost in the raw usage, sent to /v1/openai/chat/completions', async () => {
    replay.server.reply(jsonFixture(fixture('chat-completion.json')));
    const result = await replay.adapter.chat(request, callOptions());

    expect(result).toMatchObject({ text: 'The capital of France is Paris.', finishReason: 'stop', toolCalls: [] });
    expect(result.usage).toMatchObject({ inputTokens: 48, outputTokens: 8, raw: { estimated_cost: 0.00000168 } });
    const sent = replay.sent();
    expect(sent.path).toBe('/v1/openai/chat/completions');
    expect(sent.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('streams text, then usage and finish', async () => {
    replay.server.reply(sseFixture(fixture('chat-completion-stream.sse.txt'), 17));
    const events = await collect(replay.adapter.streamChat(request, callOptions()));

    expect(streamedText(events)).toBe('The capital of France is Paris.');
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: expect.objectContaining({ inputTokens: 48, outputTokens: 8 }) },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });
});

describe('DeepInfra adapter: error path', () => {
  it('reads the message out of its `{"detail": {"error"}}` body', async () => {
    replay.server.reply(jsonFixture(fixture('error-403-not-authenticated.json')));
    const error = await rejection(replay.adapter.chat(request, callOptions()));

    expect(error).toMatchObject({ provider: 'deepinfra', kind: 'http', status: 403, isRetryable: false, upstreamMessage: 'Not authenticated' });
  });
});
