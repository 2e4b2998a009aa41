import { describe, expect, it } from 'vitest';
import { lastError, useSimulatorAdapters } from '../../../test/support/providers/simulator-adapters.js';
import type { ChatRequest } from '../spec/index.js';
import { callOptions as call, collect, streamedText } from '../../../test/support/providers/provider-replay.js';
import { createCohereAdapter } from './adapter.js';

const API_KEY = 'simulator-cohere-adapter-key';
const request: ChatRequest = {
  model: 'command-r-plus-08-2024',
  messages: [
    { role: 'system', content: 'Be concise.' },
    { role: 'user', content: 'Explain connection pooling in one paragraph' },
  ],
};
const simulatorAdapter = useSimulatorAdapters(API_KEY, createCohereAdapter);

describe('Cohere adapter against the simulator', () => {
  it('streams the same text the non-streaming call returns, billed by billed_units', async () => {
    const adapter = simulatorAdapter();
    const result = await adapter.chat(request, call());
    const events = await collect(adapter.streamChat(request, call()));

    expect(streamedText(events)).toBe(result.text);
    expect(result.text).toMatch(/^Simulated answer about Explain connection pooling/);
    // The simulator's `tokens` adds 5 template tokens Cohere does not bill.
    expect(result.usage).toMatchObject({ inputTokens: 8, outputTokens: 90 });
    expect(result.usage.raw).toMatchObject({ tokens: { input_tokens: 13 } });
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: expect.objectContaining({ inputTokens: 8, outputTokens: 90 }) },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });

  it('maps max_tokens to a length finish, and answers a JSON schema with matching JSON', async () => {
    const adapter = simulatorAdapter();
    await expect(adapter.chat({ ...request, maxTokens: 5 }, call())).resolves.toMatchObject({
      finishReason: 'length',
      usage: expect.objectContaining({ outputTokens: 5 }),
    });
    const schema = { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'] };
    const json = await adapter.chat({ ...request, responseFormat: { type: 'json_schema', name: 'summary', schema } }, call());
    expect(JSON.parse(json.text)).toEqual({ summary: expect.any(String) });
  });

  it('reassembles streamed tool-call arguments and reports tool_calls', async () => {
    const tools = [{ name: 'lookup_order', parameters: { type: 'object', properties: { order_id: { type: 'integer' } } } }];
    const adapter = simulatorAdapter();
    const events = await collect(adapter.streamChat({ ...request, tools, toolChoice: 'required' }, call()));

    const deltas = events.filter((event) => event.type === 'tool-call-delta');
    expect(deltas[0]).toMatchObject({ index: 0, name: 'lookup_order', id: expect.stringMatching(/^lookup_order_/) });
    expect(JSON.parse(deltas.map((delta) => delta.argumentsDelta).join(''))).toEqual({ order_id: 3 });
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason: 'tool_calls' });

    const result = await adapter.chat({ ...request, tools, toolChoice: 'required' }, call());
    expect(result.toolCalls).toEqual([{ id: expect.stringMatching(/^lookup_order_/), name: 'lookup_order', arguments: '{"order_id":3}' }]);
  });

  it('embeds through /v2/embed, with billed input tokens', async () => {
    const result = await simulatorAdapter().embed!({ model: 'embed-english-v3.0', inputs: ['a cat sat', 'a dog'] }, call());
    expect(result.embeddings).toHaveLength(2);
    expect(result.embeddings[0]).toHaveLength(1024);
    expect(result.usage.inputTokens).toBe(5);
  });

  it('is refused with a wrong key, as a non-retryable 401', async () => {
    await expect(simulatorAdapter(undefined, 'wrong-key').chat(request, call())).rejects.toMatchObject({
      kind: 'http',
      status: 401,
      isRetryable: false,
      upstreamMessage: 'invalid api token',
    });
  });

  it('reports injected 503 and 429 as retryable, honouring Retry-After', async () => {
    await expect(simulatorAdapter({ 'x-simulator-status': '503' }).embed!({ model: 'embed-english-v3.0', inputs: ['x'] }, call())).rejects.toMatchObject({
      status: 503,
      isRetryable: true,
    });
    const limited = simulatorAdapter({ 'x-simulator-status': '429', 'x-simulator-retry-after': '3' });
    await expect(collect(limited.streamChat(request, call()))).rejects.toMatchObject({ status: 429, isRetryable: true, retryAfterMs: 3000 });
  });

  it('reports a reset mid-stream as a connect error after the first deltas, and malformed bodies as protocol errors', async () => {
    const reset = await collect(simulatorAdapter({ 'x-simulator-fail': 'reset-mid-stream' }).streamChat(request, call()));
    expect(reset.some((event) => event.type === 'text-delta')).toBe(true);
    expect(lastError(reset)).toMatchObject({ kind: 'connect', isRetryable: true });

    const malformed = await collect(simulatorAdapter({ 'x-simulator-fail': 'malformed-sse' }).streamChat(request, call()));
    expect(lastError(malformed)).toMatchObject({ kind: 'protocol', isRetryable: false });
    await expect(simulatorAdapter({ 'x-simulator-fail': 'malformed-json' }).chat(request, call())).rejects.toMatchObject({ kind: 'protocol' });
  });
});
