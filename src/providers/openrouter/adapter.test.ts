import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRequest, ProviderAdapter, StreamEvent } from '../spec/index.js';
import { UpstreamError } from '../spec/index.js';
import { jsonFixture, sseFixture, startReplayServer, type ReplayServer } from '../../../test/support/providers/replay-server.js';
import { createOpenRouterAdapter } from './adapter.js';

const API_KEY = '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';
const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
const request: ChatRequest = {
  model: 'openai/gpt-4o-mini',
  messages: [
    { role: 'system', content: 'Answer briefly.' },
    { role: 'user', content: 'What is the capital of France?' },
  ],
  maxTokens: 64,
  temperature: 0.2,
  extra: { repetition_penalty: 1.1 },
};

let server: ReplayServer;
let adapter: ProviderAdapter;
const call = () => ({ signal: new AbortController().signal, requestId: 'inference-1' });

async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const collected: StreamEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}

async function rejection(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

beforeAll(async () => {
  server = await startReplayServer();
  adapter = createOpenRouterAdapter({ apiKey: API_KEY, baseUrl: `${server.origin}/api/v1` });
});
afterEach(() => {
  server.requests.length = 0;
});
afterAll(async () => {
  await adapter.close?.();
  await server.close();
});

describe('OpenRouter adapter: happy path', () => {
  it('parses a chat completion with cached prompt tokens and keeps the raw usage', async () => {
    server.reply(jsonFixture(fixture('chat-completion.json')));
    const result = await adapter.chat(request, call());

    expect(result.text).toBe('The capital of France is Paris.');
    expect(result.finishReason).toBe('stop');
    expect(result.toolCalls).toEqual([]);
    expect(result.responseModel).toBe('openai/gpt-4o-mini-2024-07-18');
    expect(result.usage).toMatchObject({ inputTokens: 226, outputTokens: 8, cacheReadTokens: 1024, cacheWriteTokens: 0, reasoningTokens: 0 });
    expect(result.usage.raw).toMatchObject({ prompt_tokens: 1250, cost: 0.0001155 });
  });

  it('sends the key, the attribution headers and the translated body', async () => {
    server.reply(jsonFixture(fixture('chat-completion.json')));
    await adapter.chat(request, call());

    const [sent] = server.requests;
    expect(sent?.method).toBe('POST');
    expect(sent?.path).toBe('/api/v1/chat/completions');
    expect(sent?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(sent?.headers['http-referer']).toMatch(/^https:\/\//);
    expect(sent?.headers['x-title']).toBe('Gatewayz');
    expect(sent?.body).toEqual({
      repetition_penalty: 1.1,
      model: 'openai/gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Answer briefly.' },
        { role: 'user', content: 'What is the capital of France?' },
      ],
      max_tokens: 64,
      temperature: 0.2,
    });
  });

  it('streams text deltas, then usage with cache writes, then finish, across split chunks', async () => {
    // 7-byte pieces cut the SSE lines, the JSON and the multi-byte em dash.
    server.reply(sseFixture(fixture('chat-completion-stream.sse.txt'), 7));
    const events = await collect(adapter.streamChat(request, call()));

    const text = events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : [])).join('');
    expect(text).toBe('Paris is the capital of France — and its largest city.');
    expect(events.slice(-2).map((event) => event.type)).toEqual(['usage', 'finish']);
    expect(events.at(-2)).toMatchObject({ type: 'usage', usage: { inputTokens: 52, outputTokens: 14, cacheReadTokens: 0, cacheWriteTokens: 2048 } });
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason: 'stop' });

    const [sent] = server.requests;
    expect(sent?.headers.accept).toBe('text/event-stream');
    expect(sent?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('parses tool calls and sends tools, tool choice and tool turns in OpenAI form', async () => {
    server.reply(jsonFixture(fixture('chat-completion-tool-calls.json')));
    const parameters = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    const result = await adapter.chat(
      {
        model: 'google/gemini-2.5-flash',
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Lyon"}' }] },
          { role: 'tool', content: '{"temperature":18}', toolCallId: 'call_1' },
        ],
        tools: [{ name: 'get_weather', description: 'Current weather', parameters }],
        toolChoice: 'auto',
      },
      call(),
    );

    expect(result.finishReason).toBe('tool_calls');
    expect(result.toolCalls).toEqual([{ id: 'tool_0_get_weather_kLmN8pQr', name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' }]);
    expect(result.usage).toMatchObject({ inputTokens: 61, outputTokens: 18, reasoningTokens: 12 });
    expect(server.requests[0]?.body).toMatchObject({
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Lyon"}' } }] },
        { role: 'tool', content: '{"temperature":18}', tool_call_id: 'call_1' },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Current weather', parameters } }],
      tool_choice: 'auto',
    });
  });
});

describe('OpenRouter adapter: error path', () => {
  it('classifies 401 as a non-retryable HTTP error carrying the upstream message', async () => {
    server.reply(jsonFixture(fixture('error-401-no-credentials.json')));
    const error = await rejection(adapter.chat(request, call()));

    expect(error).toMatchObject({ provider: 'openrouter', kind: 'http', status: 401, isRetryable: false, retryAfterMs: undefined });
    expect(error.upstreamMessage).toBe('No auth credentials found');
  });

  it('classifies 429 as retryable with Retry-After, before a stream starts', async () => {
    server.reply(jsonFixture(fixture('error-429-rate-limited.json')));
    const error = await rejection(collect(adapter.streamChat(request, call())));

    expect(error).toMatchObject({ kind: 'http', status: 429, isRetryable: true, retryAfterMs: 7000 });
    expect(error.upstreamMessage).toContain('Rate limit exceeded');
  });

  it('turns an error chunk mid-stream into one final error event', async () => {
    server.reply(sseFixture(fixture('chat-completion-stream-error.sse.txt')));
    const events = await collect(adapter.streamChat(request, call()));

    expect(events.map((event) => event.type)).toEqual(['text-delta', 'text-delta', 'error']);
    const last = events.at(-1);
    expect(last?.type === 'error' && last.error).toMatchObject({ kind: 'http', status: 502, upstreamMessage: 'Provider disconnected unexpectedly' });
  });

  it('classifies a 200 answer that is not JSON as a non-retryable protocol error', async () => {
    server.reply({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":"gen-1","choices":[' });
    const error = await rejection(adapter.chat(request, call()));
    expect(error).toMatchObject({ kind: 'protocol', isRetryable: false });
  });

  it('classifies a refused connection as a retryable connect error', async () => {
    const closed = await startReplayServer();
    await closed.close();
    const unreachable = createOpenRouterAdapter({ apiKey: API_KEY, baseUrl: `${closed.origin}/api/v1` });
    const error = await rejection(unreachable.chat(request, call()));
    await unreachable.close?.();
    expect(error).toMatchObject({ kind: 'connect', isRetryable: true });
  });
});

describe('OpenRouter adapter: security', () => {
  it('never lets the API key reach an error, even when the upstream echoes it', async () => {
    const echoed = { error: { code: 401, message: `Invalid key ${API_KEY} (header: Bearer ${API_KEY})` } };
    server.reply({ status: 401, headers: { 'content-type': 'application/json' }, body: JSON.stringify(echoed) });
    const error = await rejection(adapter.chat(request, call()));

    expect(error.upstreamMessage).toContain('[redacted]');
    for (const text of [error.message, error.upstreamMessage, error.stack, JSON.stringify(error)]) {
      expect(text).not.toContain(API_KEY.slice(10));
    }
  });
});
