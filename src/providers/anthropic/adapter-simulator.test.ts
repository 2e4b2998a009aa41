import { describe, expect, it } from 'vitest';
import { lastError, useSimulatorAdapters } from '../../../test/support/providers/simulator-adapters.js';
import type { ChatRequest } from '../spec/index.js';
import { callOptions as call, collect } from '../../../test/support/providers/provider-replay.js';
import { createAnthropicAdapter } from './adapter.js';

const API_KEY = 'sk-ant-simulator-adapter-key';
const request: ChatRequest = {
  model: 'claude-3-5-haiku-20241022',
  messages: [
    { role: 'system', content: 'Be concise.' },
    { role: 'user', content: 'Explain connection pooling in one paragraph' },
  ],
};
const simulatorAdapter = useSimulatorAdapters(API_KEY, createAnthropicAdapter);

describe('Anthropic adapter against the simulator', () => {
  it('streams the same text the non-streaming call returns, then usage and finish', async () => {
    const adapter = simulatorAdapter();
    const result = await adapter.chat(request, call());
    const events = await collect(adapter.streamChat(request, call()));

    const streamed = events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : [])).join('');
    expect(streamed).toBe(result.text);
    expect(result.text).toMatch(/^Simulated answer about Explain connection pooling/);
    // System (2 words) and user (6 words) both count as prompt.
    expect(result.usage).toMatchObject({ inputTokens: 8, outputTokens: 90, cacheReadTokens: 0, cacheWriteTokens: 0 });
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: expect.objectContaining({ inputTokens: 8, outputTokens: 90 }) },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });

  it('maps max_tokens to a length finish', async () => {
    const result = await simulatorAdapter().chat({ ...request, maxTokens: 5 }, call());
    expect(result).toMatchObject({ finishReason: 'length', usage: expect.objectContaining({ outputTokens: 5 }) });
  });

  it('reassembles streamed tool-use input and reports tool_calls', async () => {
    const tools = [{ name: 'lookup_order', parameters: { type: 'object', properties: { order_id: { type: 'integer' } } } }];
    const adapter = simulatorAdapter();
    const events = await collect(adapter.streamChat({ ...request, tools, toolChoice: 'required' }, call()));

    const deltas = events.filter((event) => event.type === 'tool-call-delta');
    expect(deltas[0]).toMatchObject({ index: 0, name: 'lookup_order', id: expect.stringMatching(/^toolu_/) });
    expect(JSON.parse(deltas.map((delta) => delta.argumentsDelta).join(''))).toEqual({ order_id: 3 });
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason: 'tool_calls' });

    const result = await adapter.chat({ ...request, tools, toolChoice: 'required' }, call());
    expect(result.toolCalls).toEqual([{ id: expect.stringMatching(/^toolu_/), name: 'lookup_order', arguments: '{"order_id":3}' }]);
  });

  it('is refused with a wrong key, as a non-retryable 401', async () => {
    await expect(simulatorAdapter(undefined, 'sk-ant-wrong-key-000').chat(request, call())).rejects.toMatchObject({
      kind: 'http',
      status: 401,
      isRetryable: false,
      upstreamMessage: 'invalid x-api-key',
    });
  });

  it('reports an injected 529 as retryable and honours Retry-After on 429', async () => {
    await expect(simulatorAdapter({ 'x-simulator-status': '529' }).chat(request, call())).rejects.toMatchObject({
      status: 529,
      isRetryable: true,
      upstreamMessage: 'Overloaded',
    });
    const limited = simulatorAdapter({ 'x-simulator-status': '429', 'x-simulator-retry-after': '3' });
    await expect(collect(limited.streamChat(request, call()))).rejects.toMatchObject({ status: 429, isRetryable: true, retryAfterMs: 3000 });
  });

  it('reports a reset mid-stream as a connect error, after the prompt usage and first deltas', async () => {
    const events = await collect(simulatorAdapter({ 'x-simulator-fail': 'reset-mid-stream' }).streamChat(request, call()));
    expect(events[0]).toMatchObject({ type: 'usage', usage: { inputTokens: 8 } });
    expect(events.some((event) => event.type === 'text-delta')).toBe(true);
    expect(lastError(events)).toMatchObject({ kind: 'connect', isRetryable: true });
    expect(events.some((event) => event.type === 'finish')).toBe(false);
  });

  it('reports malformed SSE and JSON as non-retryable protocol errors, and a reset as a connect error', async () => {
    const events = await collect(simulatorAdapter({ 'x-simulator-fail': 'malformed-sse' }).streamChat(request, call()));
    expect(lastError(events)).toMatchObject({ kind: 'protocol', isRetryable: false });
    await expect(simulatorAdapter({ 'x-simulator-fail': 'malformed-json' }).chat(request, call())).rejects.toMatchObject({ kind: 'protocol' });
    await expect(simulatorAdapter({ 'x-simulator-fail': 'reset' }).chat(request, call())).rejects.toMatchObject({ kind: 'connect' });
  });
});
