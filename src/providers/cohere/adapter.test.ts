import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../spec/index.js';
import { callOptions, collect, fixtureIn, rejection, streamedText, useProviderReplay } from '../../../test/support/providers/provider-replay.js';
import { jsonFixture, sseFixture } from '../../../test/support/providers/replay-server.js';
import { createCohereAdapter } from './adapter.js';

// Cohere keys are 40 bare alphanumerics, with no prefix a redaction pattern could catch.
const API_KEY = 'x3WzPq8LmN2vR7tY9bK4jH6gF1dS0aQe5uIo2Kc7';
const fixture = fixtureIn(import.meta.url);
const replay = useProviderReplay((origin) => createCohereAdapter({ apiKey: API_KEY, baseUrl: origin }));
const request: ChatRequest = {
  model: 'command-r-plus-08-2024',
  messages: [
    { role: 'system', content: 'Answer briefly.' },
    { role: 'user', content: 'What is the capital of France?' },
  ],
  maxTokens: 64,
  temperature: 0.2,
  topP: 0.9,
  stop: ['\n\n'],
  seed: 7,
  extra: { k: 40, p: 0.1 },
};
const weatherParameters = { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] };

describe('Cohere adapter: happy path', () => {
  it('parses a v2 chat answer, billing billed_units and keeping both counts raw', async () => {
    replay.server.reply(jsonFixture(fixture('chat.json')));
    const result = await replay.adapter.chat(request, callOptions());

    expect(result).toMatchObject({ text: 'The capital of France is Paris.', finishReason: 'stop', toolCalls: [] });
    expect(result.usage).toMatchObject({ inputTokens: 17, outputTokens: 8, cacheReadTokens: 0 });
    expect(result.usage.raw).toMatchObject({ tokens: { input_tokens: 215 } });
  });

  it('sends a Bearer key and Cohere’s parameter names, modelled ones winning over extra', async () => {
    replay.server.reply(jsonFixture(fixture('chat.json')));
    await replay.adapter.chat({ ...request, responseFormat: { type: 'json_schema', name: 'city', schema: weatherParameters } }, callOptions());

    const sent = replay.sent();
    expect(sent.path).toBe('/v2/chat');
    expect(sent.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(sent.body).toEqual({
      k: 40,
      p: 0.9,
      model: 'command-r-plus-08-2024',
      messages: [
        { role: 'system', content: 'Answer briefly.' },
        { role: 'user', content: 'What is the capital of France?' },
      ],
      max_tokens: 64,
      temperature: 0.2,
      stop_sequences: ['\n\n'],
      seed: 7,
      response_format: { type: 'json_object', json_schema: weatherParameters },
    });
  });

  it('parses tool calls and sends tools, a forced tool and tool turns in v2 shape', async () => {
    replay.server.reply(jsonFixture(fixture('chat-tool-call.json')));
    const result = await replay.adapter.chat(
      {
        model: 'command-a-03-2025',
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          { role: 'assistant', content: 'Checking.', toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"location":"Paris"}' }] },
          { role: 'tool', content: '{"temperature":18}', toolCallId: 'call_1' },
        ],
        tools: [
          { name: 'get_weather', description: 'Current weather', parameters: weatherParameters },
          { name: 'get_time', parameters: weatherParameters },
        ],
        toolChoice: { type: 'function', function: { name: 'get_weather' } },
      },
      callOptions(),
    );

    expect(result.finishReason).toBe('tool_calls');
    expect(result.toolCalls).toEqual([{ id: 'get_weather_1byjy32y4hvq', name: 'get_weather', arguments: '{"location":"Toronto"}' }]);
    expect(replay.sent().body).toMatchObject({
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          tool_plan: 'Checking.',
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '{"temperature":18}' },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Current weather', parameters: weatherParameters } }],
      tool_choice: 'REQUIRED',
    });
  });

  it('streams content deltas across split chunks, ending with message-end usage and finish', async () => {
    replay.server.reply(sseFixture(fixture('chat-stream.sse.txt'), 7));
    const events = await collect(replay.adapter.streamChat(request, callOptions()));

    expect(streamedText(events)).toBe('Paris is the capital of France — and its largest city.');
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: expect.objectContaining({ inputTokens: 8, outputTokens: 12 }) },
      { type: 'finish', finishReason: 'stop' },
    ]);
    const sent = replay.sent();
    expect(sent.headers.accept).toBe('text/event-stream');
    expect(sent.body).toMatchObject({ stream: true });
  });

  it('streams tool-call-start and deltas as one tool call', async () => {
    replay.server.reply(sseFixture(fixture('chat-stream-tool-call.sse.txt')));
    const events = await collect(replay.adapter.streamChat(request, callOptions()));

    const deltas = events.filter((event) => event.type === 'tool-call-delta');
    expect(deltas[0]).toEqual({ type: 'tool-call-delta', index: 0, id: 'get_weather_nsz5zm3w56q3', name: 'get_weather', argumentsDelta: '' });
    expect(JSON.parse(deltas.map((delta) => delta.argumentsDelta).join(''))).toEqual({ location: 'Toronto' });
    expect(streamedText(events)).toBe('');
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason: 'tool_calls' });
  });

  it('embeds through /v2/embed as search documents, reading floats and billed units', async () => {
    replay.server.reply(jsonFixture(fixture('embed.json')));
    const result = await replay.adapter.embed!({ model: 'embed-english-v3.0', inputs: ['hello', 'goodbye'] }, callOptions());

    expect(result.embeddings).toHaveLength(2);
    expect(result.embeddings[1]).toEqual([0.007133484, 0.02748108, -0.0619812, -0.03451538]);
    expect(result.usage.inputTokens).toBe(2);
    const sent = replay.sent();
    expect(sent.path).toBe('/v2/embed');
    expect(sent.body).toEqual({ model: 'embed-english-v3.0', texts: ['hello', 'goodbye'], input_type: 'search_document', embedding_types: ['float'] });
  });
});

describe('Cohere adapter: error path', () => {
  it('classifies 429 as retryable, with Cohere’s message', async () => {
    replay.server.reply(jsonFixture(fixture('error-429-trial-key.json')));
    const error = await rejection(replay.adapter.chat(request, callOptions()));
    expect(error).toMatchObject({ provider: 'cohere', kind: 'http', status: 429, isRetryable: true });
    expect(error.upstreamMessage).toContain('You are using a Trial key');
  });

  it('classifies 401 as non-retryable, before a stream starts', async () => {
    replay.server.reply(jsonFixture(fixture('error-401-invalid-token.json')));
    const error = await rejection(collect(replay.adapter.streamChat(request, callOptions())));
    expect(error).toMatchObject({ status: 401, isRetryable: false, upstreamMessage: 'invalid api token' });
  });

  it('classifies 503 on embed as retryable', async () => {
    replay.server.reply(jsonFixture(fixture('error-503-unavailable.json')));
    const error = await rejection(replay.adapter.embed!({ model: 'embed-english-v3.0', inputs: ['x'] }, callOptions()));
    expect(error).toMatchObject({ status: 503, isRetryable: true });
  });

  it('reports a stream that ends before message-end as a protocol error, after the text so far', async () => {
    const body = 'event: content-delta\ndata: {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"Par"}}}}\n\n';
    replay.server.reply({ status: 200, headers: { 'content-type': 'text/event-stream' }, body });
    const events = await collect(replay.adapter.streamChat(request, callOptions()));
    expect(events.map((event) => event.type)).toEqual(['text-delta', 'error']);
    expect(events.at(-1)).toMatchObject({ error: { kind: 'protocol', isRetryable: false } });
  });
});

describe('Cohere adapter: security', () => {
  it('never lets the API key reach an error, even when the upstream echoes it', async () => {
    replay.server.reply({ status: 401, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: `invalid api token ${API_KEY}` }) });
    const error = await rejection(replay.adapter.chat(request, callOptions()));
    expect(error.upstreamMessage).toBe('invalid api token [redacted]');
    for (const text of [error.message, error.upstreamMessage, error.stack, JSON.stringify(error)]) expect(text).not.toContain(API_KEY);
  });
});
