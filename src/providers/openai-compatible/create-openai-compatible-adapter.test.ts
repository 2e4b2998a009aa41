import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatorAdapter } from '../../simulator/adapter.js';
import { createSimulatorServer, type SimulatorServer } from '../../simulator/server.js';
import { UpstreamError, type ChatRequest, type ProviderAdapter, type StreamEvent } from '../spec/index.js';
import { sseFixture, startReplayServer } from '../../../test/support/providers/replay-server.js';
import { createOpenAICompatibleAdapter } from './create-openai-compatible-adapter.js';

const request: ChatRequest = { model: 'simulator-model', messages: [{ role: 'user', content: 'Explain connection pooling in one paragraph' }] };
const call = (signal = new AbortController().signal) => ({ signal, requestId: 'inference-1' });
let simulator: SimulatorServer;
const adapters: ProviderAdapter[] = [];

function simulatorAdapter(headers?: Record<string, string>): ProviderAdapter {
  const adapter = createSimulatorAdapter({ baseUrl: simulator.url, ...(headers ? { headers } : {}) });
  adapters.push(adapter);
  return adapter;
}

async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const collected: StreamEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}

function lastError(events: StreamEvent[]): UpstreamError | undefined {
  const last = events.at(-1);
  return last?.type === 'error' ? last.error : undefined;
}

beforeAll(async () => {
  simulator = await createSimulatorServer();
});
afterAll(async () => {
  await Promise.all(adapters.map((adapter) => adapter.close?.()));
  await simulator.close();
});

describe('OpenAI-compatible adapter against the simulator', () => {
  it('streams the same text the non-streaming call returns, then usage and finish', async () => {
    const adapter = simulatorAdapter();
    const result = await adapter.chat(request, call());
    const events = await collect(adapter.streamChat(request, call()));

    const streamed = events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : [])).join('');
    expect(streamed).toBe(result.text);
    expect(result.text).toMatch(/^Simulated answer about Explain connection pooling/);
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: expect.objectContaining({ inputTokens: 6, outputTokens: 90 }) },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });

  it('reassembles streamed tool-call arguments', async () => {
    const adapter = simulatorAdapter();
    const tools = [{ name: 'lookup_order', parameters: { type: 'object', properties: { order_id: { type: 'integer' } } } }];
    const events = await collect(adapter.streamChat({ ...request, tools, toolChoice: 'required' }, call()));

    const deltas = events.filter((event) => event.type === 'tool-call-delta');
    expect(deltas[0]).toMatchObject({ index: 0, name: 'lookup_order', id: expect.stringMatching(/^call_/) });
    expect(JSON.parse(deltas.map((delta) => delta.argumentsDelta).join(''))).toEqual({ order_id: 3 });
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason: 'tool_calls' });
  });

  it('reuses pooled connections across sequential calls, streams included', async () => {
    const adapter = simulatorAdapter();
    const before = simulator.connections;
    for (let index = 0; index < 10; index++) {
      await adapter.chat(request, call());
      await collect(adapter.streamChat(request, call()));
    }
    // undici frees a socket one tick after its body ends, so a call made in that same tick may
    // open a second one; without reuse this would be 20.
    expect(simulator.connections - before).toBeLessThanOrEqual(2);
  });

  it('reports a reset mid-stream as a connect error after the first deltas', async () => {
    const events = await collect(simulatorAdapter({ 'x-simulator-fail': 'reset-mid-stream' }).streamChat(request, call()));
    expect(events[0]?.type).toBe('text-delta');
    expect(lastError(events)).toMatchObject({ kind: 'connect', isRetryable: true });
    expect(events.some((event) => event.type === 'finish')).toBe(false);
  });

  it('reports a garbage SSE event as a non-retryable protocol error', async () => {
    const events = await collect(simulatorAdapter({ 'x-simulator-fail': 'malformed-sse' }).streamChat(request, call()));
    expect(lastError(events)).toMatchObject({ kind: 'protocol', isRetryable: false });
  });

  it('reports a malformed JSON body and a reset before answering', async () => {
    await expect(simulatorAdapter({ 'x-simulator-fail': 'malformed-json' }).chat(request, call())).rejects.toMatchObject({ kind: 'protocol' });
    await expect(simulatorAdapter({ 'x-simulator-fail': 'reset' }).chat(request, call())).rejects.toMatchObject({ kind: 'connect' });
  });

  it('reports an injected 503 with its Retry-After', async () => {
    const adapter = simulatorAdapter({ 'x-simulator-status': '503', 'x-simulator-retry-after': '2' });
    await expect(adapter.chat(request, call())).rejects.toMatchObject({ kind: 'http', status: 503, isRetryable: true, retryAfterMs: 2000 });
  });

  it('reports a response head slower than headersTimeoutMs as a timeout', async () => {
    // undici checks this deadline on a coarse (about 1 s) clock, hence the long simulated latency.
    const headers = { 'x-simulator-latency-ms': '5000' };
    const adapter = createOpenAICompatibleAdapter({ id: 'slow', baseUrl: simulator.url, headersTimeoutMs: 50, headers });
    adapters.push(adapter);
    await expect(adapter.chat(request, call())).rejects.toMatchObject({ kind: 'timeout', isRetryable: true });
  });
});

describe('OpenAI-compatible adapter: releasing connections', () => {
  it('closes the upstream response when the consumer stops reading early', async () => {
    const upstream = await startReplayServer();
    upstream.reply({ ...sseFixture(new URL('../openrouter/fixtures/chat-completion-stream.sse.txt', import.meta.url)), hold: true });
    const adapter = createOpenAICompatibleAdapter({ id: 'held', baseUrl: upstream.origin });
    for await (const event of adapter.streamChat(request, call())) {
      if (event.type === 'text-delta') break;
    }
    await sleep(50);
    expect(upstream.abandonedResponses).toBe(1);
    await adapter.close?.();
    await upstream.close();
  });

  it('ends with an aborted error and closes the response when the signal aborts', async () => {
    const upstream = await startReplayServer();
    upstream.reply({
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      body: 'data: {"choices":[{"index":0,"delta":{"content":"Hi"}}]}\n\n',
      hold: true,
    });
    const adapter = createOpenAICompatibleAdapter({ id: 'held', baseUrl: upstream.origin });
    const controller = new AbortController();
    const events: StreamEvent[] = [];
    for await (const event of adapter.streamChat(request, call(controller.signal))) {
      events.push(event);
      controller.abort();
    }
    expect(events.map((event) => event.type)).toEqual(['text-delta', 'error']);
    expect(lastError(events)).toMatchObject({ kind: 'aborted', isRetryable: false });
    await sleep(50);
    expect(upstream.abandonedResponses).toBe(1);
    await expect(adapter.chat(request, call(controller.signal))).rejects.toMatchObject({ kind: 'aborted' });
    await adapter.close?.();
    await upstream.close();
  });
});
