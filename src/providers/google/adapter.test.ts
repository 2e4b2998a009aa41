import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../spec/index.js';
import { callOptions, collect, fixtureIn, rejection, streamedText, useProviderReplay } from '../../../test/support/providers/provider-replay.js';
import { jsonFixture, sseFixture } from '../../../test/support/providers/replay-server.js';
import { createGoogleAdapter } from './adapter.js';

const API_KEY = 'AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY';
const fixture = fixtureIn(import.meta.url);
const replay = useProviderReplay((origin) => createGoogleAdapter({ apiKey: API_KEY, baseUrl: origin }));
const request: ChatRequest = {
  model: 'gemini-2.5-flash',
  messages: [
    { role: 'system', content: 'Answer briefly.' },
    { role: 'user', content: 'What is the capital of France?' },
  ],
  maxTokens: 64,
  temperature: 0.2,
  topP: 0.9,
  stop: ['\n\n'],
  seed: 7,
  extra: { topK: 40, maxOutputTokens: 9999 },
};
const weatherParameters = { type: 'object', properties: { location: { type: 'string' } }, required: ['location'], additionalProperties: false };

describe('Google adapter: happy path', () => {
  it('parses a generateContent answer, leaving cached tokens out of input and counting thoughts as output', async () => {
    replay.server.reply(jsonFixture(fixture('generate-content.json')));
    const result = await replay.adapter.chat(request, callOptions());

    expect(result).toMatchObject({ text: 'The capital of France is Paris.', finishReason: 'stop', toolCalls: [], responseModel: 'gemini-2.5-flash' });
    expect(result.usage).toMatchObject({ inputTokens: 23, cacheReadTokens: 2048, outputTokens: 49, reasoningTokens: 41, cacheWriteTokens: 0 });
    expect(result.usage.raw).toMatchObject({ promptTokenCount: 2071, cachedContentTokenCount: 2048 });
  });

  it('sends x-goog-api-key, the model in the path, systemInstruction and generationConfig', async () => {
    replay.server.reply(jsonFixture(fixture('generate-content.json')));
    await replay.adapter.chat(request, callOptions());

    const sent = replay.sent();
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(sent.headers['x-goog-api-key']).toBe(API_KEY);
    expect(sent.headers.authorization).toBeUndefined();
    expect(sent.body).toEqual({
      systemInstruction: { parts: [{ text: 'Answer briefly.' }] },
      contents: [{ role: 'user', parts: [{ text: 'What is the capital of France?' }] }],
      generationConfig: { topK: 40, maxOutputTokens: 64, temperature: 0.2, topP: 0.9, stopSequences: ['\n\n'], seed: 7 },
    });
  });

  it('asks for JSON with the caller’s JSON Schema', async () => {
    replay.server.reply(jsonFixture(fixture('generate-content.json')));
    await replay.adapter.chat(
      { model: 'models/gemini-2.0-flash', messages: request.messages, responseFormat: { type: 'json_schema', name: 'city', schema: weatherParameters } },
      callOptions(),
    );
    const sent = replay.sent();
    expect(sent.path).toBe('/v1beta/models/gemini-2.0-flash:generateContent');
    expect(sent.body).toMatchObject({ generationConfig: { responseMimeType: 'application/json', responseJsonSchema: weatherParameters } });
  });

  it('parses function calls into tool calls with ids, and sends tools, tool choice and tool turns as Gemini parts', async () => {
    replay.server.reply(jsonFixture(fixture('generate-content-function-call.json')));
    const result = await replay.adapter.chat(
      {
        model: 'gemini-2.0-flash',
        messages: [
          { role: 'user', content: 'Weather in Paris and Lyon?' },
          {
            role: 'assistant',
            content: '',
            toolCalls: [
              { id: 'call_a', name: 'get_weather', arguments: '{"location":"Paris"}' },
              { id: 'call_b', name: 'get_time', arguments: '{"location":"Lyon"}' },
            ],
          },
          { role: 'tool', content: '{"temperature":18}', toolCallId: 'call_a' },
          { role: 'tool', content: '14:05', toolCallId: 'call_b' },
        ],
        tools: [{ name: 'get_weather', description: 'Current weather', parameters: weatherParameters }],
        toolChoice: { type: 'function', function: { name: 'get_weather' } },
      },
      callOptions(),
    );

    expect(result.finishReason).toBe('tool_calls');
    expect(result.toolCalls).toEqual([
      { id: 'call_ZbNDaPe5LfC-nvgPkbmX4Q8_0', name: 'get_weather', arguments: '{"location":"Paris"}' },
      { id: 'call_ZbNDaPe5LfC-nvgPkbmX4Q8_1', name: 'get_weather', arguments: '{"location":"Lyon"}' },
    ]);
    expect(replay.sent().body).toMatchObject({
      contents: [
        { role: 'user', parts: [{ text: 'Weather in Paris and Lyon?' }] },
        {
          role: 'model',
          parts: [{ functionCall: { name: 'get_weather', args: { location: 'Paris' } } }, { functionCall: { name: 'get_time', args: { location: 'Lyon' } } }],
        },
        {
          role: 'user',
          parts: [
            { functionResponse: { name: 'get_weather', response: { temperature: 18 } } },
            { functionResponse: { name: 'get_time', response: { result: '14:05' } } },
          ],
        },
      ],
      tools: [{ functionDeclarations: [{ name: 'get_weather', description: 'Current weather', parametersJsonSchema: weatherParameters }] }],
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } },
    });
  });

  it('maps a SAFETY finish to content_filter', async () => {
    replay.server.reply(jsonFixture(fixture('generate-content-safety.json')));
    const result = await replay.adapter.chat(request, callOptions());
    expect(result).toMatchObject({ text: '', finishReason: 'content_filter', usage: expect.objectContaining({ inputTokens: 11, outputTokens: 0 }) });
  });

  it('streams text and whole function calls over alt=sse, across split CRLF chunks, ending with the last usage', async () => {
    replay.server.reply(sseFixture(fixture('stream-generate-content.sse.txt'), 7));
    const events = await collect(replay.adapter.streamChat(request, callOptions()));

    expect(streamedText(events)).toBe('Paris is the capital of France — and its largest city.');
    expect(events.filter((event) => event.type === 'tool-call-delta')).toEqual([
      { type: 'tool-call-delta', index: 0, id: 'call_kb1DaN3mN5SpnvgP0aOX-Q0_0', name: 'get_weather', argumentsDelta: '{"location":"Paris","unit":"celsius"}' },
    ]);
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: expect.objectContaining({ inputTokens: 15, outputTokens: 27 }) },
      { type: 'finish', finishReason: 'tool_calls' },
    ]);
    const sent = replay.sent();
    expect(sent.path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    expect(sent.headers.accept).toBe('text/event-stream');
  });

  it('embeds through batchEmbedContents, one request per input, in order', async () => {
    replay.server.reply(jsonFixture(fixture('batch-embed-contents.json')));
    const result = await replay.adapter.embed!({ model: 'text-embedding-004', inputs: ['first', 'second'], dimensions: 4 }, callOptions());

    expect(result.embeddings).toEqual([
      [0.0131, -0.0447, 0.0052, 0.0619],
      [-0.0218, 0.0093, 0.0374, -0.0051],
    ]);
    const sent = replay.sent();
    expect(sent.path).toBe('/v1beta/models/text-embedding-004:batchEmbedContents');
    expect(sent.body).toEqual({
      requests: [
        { model: 'models/text-embedding-004', content: { parts: [{ text: 'first' }] }, outputDimensionality: 4 },
        { model: 'models/text-embedding-004', content: { parts: [{ text: 'second' }] }, outputDimensionality: 4 },
      ],
    });
  });
});

describe('Google adapter: error path', () => {
  it('classifies 429 RESOURCE_EXHAUSTED as retryable', async () => {
    replay.server.reply(jsonFixture(fixture('error-429-resource-exhausted.json')));
    const error = await rejection(replay.adapter.chat(request, callOptions()));
    expect(error).toMatchObject({ provider: 'google', kind: 'http', status: 429, isRetryable: true });
    expect(error.upstreamMessage).toContain('You exceeded your current quota');
  });

  it('classifies 503 UNAVAILABLE as retryable, before a stream starts', async () => {
    replay.server.reply(jsonFixture(fixture('error-503-unavailable.json')));
    const error = await rejection(collect(replay.adapter.streamChat(request, callOptions())));
    expect(error).toMatchObject({ status: 503, isRetryable: true, upstreamMessage: 'The model is overloaded. Please try again later.' });
  });

  it('classifies an invalid key (Google answers 400 INVALID_ARGUMENT) as non-retryable', async () => {
    replay.server.reply(jsonFixture(fixture('error-400-api-key-invalid.json')));
    const error = await rejection(replay.adapter.embed!({ model: 'text-embedding-004', inputs: ['x'] }, callOptions()));
    expect(error).toMatchObject({ status: 400, isRetryable: false, upstreamMessage: 'API key not valid. Please pass a valid API key.' });
  });

  it('turns an error event mid-stream into one final retryable error, after the text so far', async () => {
    replay.server.reply(sseFixture(fixture('stream-generate-content-unavailable.sse.txt')));
    const events = await collect(replay.adapter.streamChat(request, callOptions()));
    expect(events.map((event) => event.type)).toEqual(['text-delta', 'usage', 'error']);
    expect(events.at(-1)).toMatchObject({ error: { kind: 'http', status: 503, isRetryable: true } });
  });

  it('reports a stream that ends without a finishReason as a protocol error', async () => {
    const body = 'data: {"candidates":[{"content":{"parts":[{"text":"Par"}],"role":"model"}}]}\r\n\r\n';
    replay.server.reply({ status: 200, headers: { 'content-type': 'text/event-stream' }, body });
    const events = await collect(replay.adapter.streamChat(request, callOptions()));
    expect(events.map((event) => event.type)).toEqual(['text-delta', 'error']);
    expect(events.at(-1)).toMatchObject({ error: { kind: 'protocol', isRetryable: false } });
  });
});

describe('Google adapter: security', () => {
  it('never puts the key in the URL nor lets an echoed AIza key (no shared redaction pattern) reach an error', async () => {
    const echoed = { error: { code: 400, message: `API key not valid: ${API_KEY}`, status: 'INVALID_ARGUMENT' } };
    replay.server.reply({ status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify(echoed) });
    const error = await rejection(replay.adapter.chat(request, callOptions()));

    expect(replay.sent().path).not.toContain(API_KEY);
    expect(error.upstreamMessage).toBe('API key not valid: [redacted]');
    for (const text of [error.message, error.upstreamMessage, error.stack, JSON.stringify(error)]) expect(text).not.toContain(API_KEY);
  });

  it('scrubs an echoed key from errors inside a stream too', async () => {
    const body = `data: {"error":{"code":400,"message":"bad key ${API_KEY}","status":"INVALID_ARGUMENT"}}\r\n\r\n`;
    replay.server.reply({ status: 200, headers: { 'content-type': 'text/event-stream' }, body });
    const events = await collect(replay.adapter.streamChat(request, callOptions()));
    expect(JSON.stringify(events.at(-1))).not.toContain(API_KEY);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { upstreamMessage: 'bad key [redacted]' } });
  });
});
