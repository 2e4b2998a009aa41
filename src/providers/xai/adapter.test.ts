import { describe, expect, it } from 'vitest';
import { callOptions, chatRequest, collect, fixtureIn, rejection, sameRouteOn, streamedText, useProviderReplay } from '../../../test/support/providers/provider-replay.js';
import { jsonFixture, sseFixture } from '../../../test/support/providers/replay-server.js';
import { createXAIAdapter, xAIBaseUrl } from './adapter.js';

const API_KEY = 'xai-Qm3Xk8Wr2Lt7Vz4Nc9Hb1Pd6Js0Fy5GaUe3Oi8Rn2Wq7Tz4Vc1Hb6Pd';
const fixture = fixtureIn(import.meta.url);
const replay = useProviderReplay((origin) => createXAIAdapter({ apiKey: API_KEY, baseUrl: sameRouteOn(origin, xAIBaseUrl) }));
const request = chatRequest('grok-3-mini');

describe('xAI adapter: happy path', () => {
  it('adds reasoning tokens, which xAI leaves out of completion_tokens, to the output', async () => {
    replay.server.reply(jsonFixture(fixture('chat-completion.json')));
    const result = await replay.adapter.chat(request, callOptions());

    expect(result).toMatchObject({ text: 'The capital of France is Paris.', finishReason: 'stop', responseModel: 'grok-3-mini' });
    // 26 + 6 + 299 is the usage's total_tokens (331): nothing billed twice, nothing dropped.
    expect(result.usage).toMatchObject({ inputTokens: 26, cacheReadTokens: 6, outputTokens: 299, reasoningTokens: 291 });
    const sent = replay.sent();
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('streams only the answer text, not reasoning_content, then usage and finish', async () => {
    replay.server.reply(sseFixture(fixture('chat-completion-stream.sse.txt'), 41));
    const events = await collect(replay.adapter.streamChat(request, callOptions()));

    expect(streamedText(events)).toBe('The capital of France is Paris.');
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: expect.objectContaining({ outputTokens: 299, reasoningTokens: 291 }) },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });
});

describe('xAI adapter: error path', () => {
  it('reads the message of its `{code, error}` body, which echoes only a masked key', async () => {
    replay.server.reply(jsonFixture(fixture('error-400-invalid-argument.json')));
    const error = await rejection(replay.adapter.chat(request, callOptions()));

    expect(error).toMatchObject({ provider: 'xai', kind: 'http', status: 400, isRetryable: false });
    expect(error.upstreamMessage).toMatch(/^Incorrect API key provided: xai-x1\*{4}dmbf\./);
    expect(JSON.stringify([error.message, error.upstreamMessage])).not.toContain(API_KEY.slice(4));
  });
});
