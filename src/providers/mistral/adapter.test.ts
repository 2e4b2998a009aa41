import { describe, expect, it } from 'vitest';
import { callOptions, chatRequest, collect, fixtureIn, rejection, sameRouteOn, streamedText, useProviderReplay } from '../../../test/support/providers/provider-replay.js';
import { jsonFixture, sseFixture } from '../../../test/support/providers/replay-server.js';
import { createMistralAdapter, mistralBaseUrl } from './adapter.js';

const API_KEY = 'Zp4Xq8Lm2Wr6Tn0Vc3Hb7Kd1Js5Fy9G';
const fixture = fixtureIn(import.meta.url);
const replay = useProviderReplay((origin) => createMistralAdapter({ apiKey: API_KEY, baseUrl: sameRouteOn(origin, mistralBaseUrl) }));
const request = chatRequest('mistral-small-latest');

describe('Mistral adapter: happy path', () => {
  it('parses a completion sent to /v1/chat/completions with the key', async () => {
    replay.server.reply(jsonFixture(fixture('chat-completion.json')));
    const result = await replay.adapter.chat(request, callOptions());

    expect(result).toMatchObject({ text: 'The capital of France is Paris.', finishReason: 'stop', toolCalls: [], responseModel: 'mistral-small-latest' });
    expect(result.usage).toMatchObject({ inputTokens: 17, outputTokens: 8 });
    const sent = replay.sent();
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('streams without sending stream_options, which Mistral rejects, and still reports usage', async () => {
    replay.server.reply(sseFixture(fixture('chat-completion-stream.sse.txt'), 7));
    const withCallerOptions = { ...request, extra: { stream_options: { include_usage: true } } };
    const events = await collect(replay.adapter.streamChat(withCallerOptions, callOptions()));

    expect(streamedText(events)).toBe('The capital of France is Paris.');
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: expect.objectContaining({ inputTokens: 17, outputTokens: 8 }) },
      { type: 'finish', finishReason: 'stop' },
    ]);
    const sent = replay.sent();
    expect(sent.body).toMatchObject({ stream: true });
    expect(sent.body).not.toHaveProperty('stream_options');
  });
});

describe('Mistral adapter: error path', () => {
  it('reads the validation problems nested under `message` of a 422, without echoing the input', async () => {
    replay.server.reply(jsonFixture(fixture('error-422-extra-inputs.json')));
    const error = await rejection(replay.adapter.chat(request, callOptions()));

    expect(error).toMatchObject({ provider: 'mistral', kind: 'http', status: 422, isRetryable: false });
    expect(error.upstreamMessage).toBe('body.logit_bias: Extra inputs are not permitted');
    expect(error.message).not.toContain('1734');
  });
});
