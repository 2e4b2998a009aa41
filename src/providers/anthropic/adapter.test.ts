import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRequest, ProviderAdapter, StreamEvent } from '../spec/index.js';
import { UpstreamError } from '../spec/index.js';
import { jsonFixture, sseFixture, startReplayServer, type ReplayServer } from '../../../test/support/providers/replay-server.js';
import { createAnthropicAdapter } from './adapter.js';

const API_KEY = 'sk-ant-api03-Xq7vN2kLp9RzT4wYb6Hc1Jd8Fm3Gs5Ae0Uo2Ii4Ke6Lm8Nn0Pp2Qr4St6Uv8Wx0Yz-AbCdEfAA';
const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
const request: ChatRequest = {
  model: 'claude-3-5-haiku-20241022',
  messages: [
    { role: 'system', content: 'Answer briefly.' },
    { role: 'user', content: 'What is the capital of France?' },
  ],
  temperature: 0.2,
  topP: 0.9,
  stop: ['\n\nHuman:'],
  extra: { top_k: 40 },
};
const weatherParameters = { type: 'object', properties: { location: { type: 'string' }, unit: { type: 'string' } }, required: ['location'] };

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
  adapter = createAnthropicAdapter({ apiKey: API_KEY, baseUrl: server.origin });
});
afterEach(() => {
  server.requests.length = 0;
});
afterAll(async () => {
  await adapter.close?.();
  await server.close();
});

describe('Anthropic adapter: happy path', () => {
  it('parses a message with cache reads, leaving input_tokens as the uncached part, and keeps the raw usage', async () => {
    server.reply(jsonFixture(fixture('message.json')));
    const result = await adapter.chat(request, call());

    expect(result).toMatchObject({ text: 'The capital of France is Paris.', finishReason: 'stop', toolCalls: [], responseModel: 'claude-3-5-haiku-20241022' });
    expect(result.usage).toMatchObject({ inputTokens: 21, outputTokens: 10, cacheReadTokens: 1887, cacheWriteTokens: 0, reasoningTokens: 0 });
    expect(result.usage.raw).toMatchObject({ input_tokens: 21, cache_read_input_tokens: 1887, service_tier: 'standard' });
  });

  it('sends x-api-key and anthropic-version, the system prompt on top and a default max_tokens', async () => {
    server.reply(jsonFixture(fixture('message.json')));
    await adapter.chat(request, call());

    const [sent] = server.requests;
    expect(sent?.method).toBe('POST');
    expect(sent?.path).toBe('/v1/messages');
    expect(sent?.headers['x-api-key']).toBe(API_KEY);
    expect(sent?.headers['anthropic-version']).toBe('2023-06-01');
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(sent?.headers.authorization).toBeUndefined();
    expect(sent?.body).toEqual({
      top_k: 40,
      model: 'claude-3-5-haiku-20241022',
      system: 'Answer briefly.',
      messages: [{ role: 'user', content: 'What is the capital of France?' }],
      max_tokens: 4096,
      temperature: 0.2,
      top_p: 0.9,
      stop_sequences: ['\n\nHuman:'],
    });

    server.reply(jsonFixture(fixture('message.json')));
    await adapter.chat({ ...request, maxTokens: 64, extra: { max_tokens: 9999, stream: true } }, call());
    expect(server.requests[1]?.body).toMatchObject({ max_tokens: 64 });
    expect(server.requests[1]?.body).not.toHaveProperty('stream');
  });

  it('parses tool_use blocks and sends tools, tool choice and tool turns as Anthropic blocks', async () => {
    server.reply(jsonFixture(fixture('message-tool-use.json')));
    const result = await adapter.chat(
      {
        model: 'claude-3-5-haiku-20241022',
        messages: [
          { role: 'user', content: 'Weather in Paris and Lyon?' },
          {
            role: 'assistant',
            content: 'Checking both.',
            toolCalls: [
              { id: 'toolu_1', name: 'get_weather', arguments: '{"location":"Paris"}' },
              { id: 'toolu_2', name: 'get_weather', arguments: '{"location":"Lyon"}' },
            ],
          },
          { role: 'tool', content: '{"temperature":18}', toolCallId: 'toolu_1' },
          { role: 'tool', content: '{"temperature":21}', toolCallId: 'toolu_2' },
        ],
        tools: [{ name: 'get_weather', description: 'Current weather', parameters: weatherParameters }],
        toolChoice: { type: 'function', function: { name: 'get_weather' } },
      },
      call(),
    );

    expect(result.text).toBe("I'll check the current weather in San Francisco for you.");
    expect(result.finishReason).toBe('tool_calls');
    expect(result.toolCalls).toEqual([
      { id: 'toolu_01A09q90qw90lq917835lq9', name: 'get_weather', arguments: '{"location":"San Francisco, CA","unit":"celsius"}' },
    ]);
    expect(server.requests[0]?.body).toMatchObject({
      messages: [
        { role: 'user', content: 'Weather in Paris and Lyon?' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking both.' },
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { location: 'Paris' } },
            { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { location: 'Lyon' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: '{"temperature":18}' },
            { type: 'tool_result', tool_use_id: 'toolu_2', content: '{"temperature":21}' },
          ],
        },
      ],
      tools: [{ name: 'get_weather', description: 'Current weather', input_schema: weatherParameters }],
      tool_choice: { type: 'tool', name: 'get_weather' },
    });
  });

  it('maps OpenAI tool_choice words onto Anthropic types', async () => {
    for (const [choice, expected] of [
      ['auto', { type: 'auto' }],
      ['required', { type: 'any' }],
      ['none', { type: 'none' }],
    ] as const) {
      server.reply(jsonFixture(fixture('message.json')));
      await adapter.chat({ ...request, toolChoice: choice }, call());
      expect(server.requests.at(-1)?.body).toMatchObject({ tool_choice: expected });
    }
  });

  it('streams text and tool-call deltas past pings, with cache writes in usage, across split chunks', async () => {
    // 7-byte pieces cut the SSE lines, the JSON and the multi-byte em dash.
    server.reply(sseFixture(fixture('message-stream.sse.txt'), 7));
    const events = await collect(adapter.streamChat(request, call()));

    const text = events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : [])).join('');
    expect(text).toBe("Okay, let's check the weather for San Francisco — in Celsius.");
    const deltas = events.filter((event) => event.type === 'tool-call-delta');
    expect(deltas[0]).toEqual({ type: 'tool-call-delta', index: 0, id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather', argumentsDelta: '' });
    expect(deltas.every((delta) => delta.index === 0)).toBe(true);
    expect(JSON.parse(deltas.map((delta) => delta.argumentsDelta).join(''))).toEqual({ location: 'San Francisco, CA', unit: 'celsius' });

    // Usage at message_start (prompt counts), then the final one from message_delta.
    const usages = events.filter((event) => event.type === 'usage');
    expect(usages[0]?.usage).toMatchObject({ inputTokens: 472, cacheWriteTokens: 2048, outputTokens: 2 });
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: expect.objectContaining({ inputTokens: 472, outputTokens: 89, cacheReadTokens: 0, cacheWriteTokens: 2048 }) },
      { type: 'finish', finishReason: 'tool_calls' },
    ]);

    const [sent] = server.requests;
    expect(sent?.headers.accept).toBe('text/event-stream');
    expect(sent?.body).toMatchObject({ stream: true, max_tokens: 4096 });
    expect(sent?.body).not.toHaveProperty('stream_options');
  });
});

describe('Anthropic adapter: error path', () => {
  it('classifies 529 overloaded_error as a retryable HTTP error', async () => {
    server.reply(jsonFixture(fixture('error-529-overloaded.json')));
    const error = await rejection(adapter.chat(request, call()));
    expect(error).toMatchObject({ provider: 'anthropic', kind: 'http', status: 529, isRetryable: true, upstreamMessage: 'Overloaded' });
  });

  it('classifies 401 authentication_error as non-retryable, before a stream starts', async () => {
    server.reply(jsonFixture(fixture('error-401-authentication.json')));
    const error = await rejection(collect(adapter.streamChat(request, call())));
    expect(error).toMatchObject({ kind: 'http', status: 401, isRetryable: false, upstreamMessage: 'invalid x-api-key' });
  });

  it('honours Retry-After on 429 rate_limit_error', async () => {
    server.reply(jsonFixture(fixture('error-429-rate-limit.json')));
    const error = await rejection(adapter.chat(request, call()));
    expect(error).toMatchObject({ status: 429, isRetryable: true, retryAfterMs: 12_000 });
    expect(error.upstreamMessage).toContain('exceed the rate limit');
  });

  it('turns an overloaded error event mid-stream into one final retryable error, after the prompt usage', async () => {
    server.reply(sseFixture(fixture('message-stream-overloaded.sse.txt')));
    const events = await collect(adapter.streamChat(request, call()));

    expect(events.map((event) => event.type)).toEqual(['usage', 'text-delta', 'error']);
    const last = events.at(-1);
    expect(last?.type === 'error' && last.error).toMatchObject({ kind: 'http', status: 529, isRetryable: true, upstreamMessage: 'Overloaded' });
  });

  it('reports a stream that ends before message_stop as a protocol error', async () => {
    const body = 'event: message_start\ndata: {"type":"message_start","message":{"usage":{"input_tokens":3,"output_tokens":1}}}\n\n';
    server.reply({ status: 200, headers: { 'content-type': 'text/event-stream' }, body });
    const events = await collect(adapter.streamChat(request, call()));
    expect(events.map((event) => event.type)).toEqual(['usage', 'error']);
    expect(events.at(-1)).toMatchObject({ error: { kind: 'protocol', isRetryable: false } });
  });
});

describe('Anthropic adapter: security', () => {
  it('never lets the API key reach an error, even when the upstream echoes it', async () => {
    const echoed = { type: 'error', error: { type: 'authentication_error', message: `invalid x-api-key: ${API_KEY}` } };
    server.reply({ status: 401, headers: { 'content-type': 'application/json' }, body: JSON.stringify(echoed) });
    const error = await rejection(adapter.chat(request, call()));

    expect(error.upstreamMessage).toContain('[redacted]');
    for (const text of [error.message, error.upstreamMessage, error.stack, JSON.stringify(error)]) {
      expect(text).not.toContain(API_KEY.slice(10));
    }
  });
});
