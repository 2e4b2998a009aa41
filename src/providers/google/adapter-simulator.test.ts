import { describe, expect, it } from 'vitest';
import { lastError, useSimulatorAdapters } from '../../../test/support/providers/simulator-adapters.js';
import type { ChatRequest } from '../spec/index.js';
import { callOptions as call, collect, streamedText } from '../../../test/support/providers/provider-replay.js';
import { createGoogleAdapter } from './adapter.js';

const API_KEY = 'AIzaSy-simulator-adapter-key';
const request: ChatRequest = {
  model: 'gemini-2.0-flash',
  messages: [
    { role: 'system', content: 'Be concise.' },
    { role: 'user', content: 'Explain connection pooling in one paragraph' },
  ],
};
const simulatorAdapter = useSimulatorAdapters(API_KEY, createGoogleAdapter);

describe('Google adapter against the simulator', () => {
  it('streams the same text the non-streaming call returns, then usage and finish', async () => {
    const adapter = simulatorAdapter();
    const result = await adapter.chat(request, call());
    const events = await collect(adapter.streamChat(request, call()));

    expect(streamedText(events)).toBe(result.text);
    expect(result.text).toMatch(/^Simulated answer about Explain connection pooling/);
    expect(result).toMatchObject({ finishReason: 'stop', responseModel: 'gemini-2.0-flash' });
    expect(result.usage).toMatchObject({ inputTokens: 8, outputTokens: 90, cacheReadTokens: 0, reasoningTokens: 0 });
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: expect.objectContaining({ inputTokens: 8, outputTokens: 90 }) },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });

  it('maps maxOutputTokens to a length finish, and answers a JSON schema with matching JSON', async () => {
    const adapter = simulatorAdapter();
    await expect(adapter.chat({ ...request, maxTokens: 5 }, call())).resolves.toMatchObject({
      finishReason: 'length',
      usage: expect.objectContaining({ outputTokens: 5 }),
    });
    const schema = { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'], additionalProperties: false };
    const json = await adapter.chat({ ...request, responseFormat: { type: 'json_schema', name: 'summary', schema } }, call());
    expect(JSON.parse(json.text)).toEqual({ summary: expect.any(String) });
  });

  it('returns a forced function call as a tool call, plain and streamed', async () => {
    const tools = [{ name: 'lookup_order', parameters: { type: 'object', properties: { order_id: { type: 'integer' } } } }];
    const adapter = simulatorAdapter();
    const forced = { ...request, tools, toolChoice: { type: 'function', function: { name: 'lookup_order' } } };
    const result = await adapter.chat(forced, call());
    expect(result).toMatchObject({
      finishReason: 'tool_calls',
      toolCalls: [{ id: expect.stringMatching(/^call_/), name: 'lookup_order', arguments: '{"order_id":3}' }],
    });

    const events = await collect(adapter.streamChat(forced, call()));
    expect(events.filter((event) => event.type === 'tool-call-delta')).toEqual([
      { type: 'tool-call-delta', index: 0, id: expect.stringMatching(/^call_/), name: 'lookup_order', argumentsDelta: '{"order_id":3}' },
    ]);
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason: 'tool_calls' });
  });

  it('embeds through batchEmbedContents with the requested dimensions', async () => {
    const result = await simulatorAdapter().embed!({ model: 'text-embedding-004', inputs: ['a cat', 'a dog', 'a cat'], dimensions: 16 }, call());
    expect(result.embeddings).toHaveLength(3);
    expect(result.embeddings[0]).toHaveLength(16);
    expect(result.embeddings[2]).toEqual(result.embeddings[0]);
  });

  it('is refused with a wrong key, as Google does: a non-retryable 400', async () => {
    await expect(simulatorAdapter(undefined, 'AIzaSy-wrong-key').chat(request, call())).rejects.toMatchObject({
      kind: 'http',
      status: 400,
      isRetryable: false,
      upstreamMessage: 'API key not valid. Please pass a valid API key.',
    });
  });

  it('reports injected 503 and 429 as retryable, honouring Retry-After', async () => {
    await expect(simulatorAdapter({ 'x-simulator-status': '503' }).chat(request, call())).rejects.toMatchObject({
      status: 503,
      isRetryable: true,
      upstreamMessage: 'The model is overloaded. Please try again later.',
    });
    const limited = simulatorAdapter({ 'x-simulator-status': '429', 'x-simulator-retry-after': '3' });
    await expect(collect(limited.streamChat(request, call()))).rejects.toMatchObject({ status: 429, isRetryable: true, retryAfterMs: 3000 });
  });

  it('reports a reset mid-stream as a connect error after the first deltas, and malformed bodies as protocol errors', async () => {
    const reset = await collect(simulatorAdapter({ 'x-simulator-fail': 'reset-mid-stream' }).streamChat(request, call()));
    expect(reset.some((event) => event.type === 'text-delta')).toBe(true);
    expect(reset.some((event) => event.type === 'finish')).toBe(false);
    expect(lastError(reset)).toMatchObject({ kind: 'connect', isRetryable: true });

    const malformed = await collect(simulatorAdapter({ 'x-simulator-fail': 'malformed-sse' }).streamChat(request, call()));
    expect(lastError(malformed)).toMatchObject({ kind: 'protocol', isRetryable: false });
    await expect(simulatorAdapter({ 'x-simulator-fail': 'malformed-json' }).chat(request, call())).rejects.toMatchObject({ kind: 'protocol' });
  });
});
