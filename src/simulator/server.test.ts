import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatorServer, type SimulatorServer } from './server.js';

let simulator: SimulatorServer;
let guarded: SimulatorServer;
const messages = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: 'Describe the tides of the Atlantic ocean' },
];

/** Wire bodies are checked field by field, so they are read untyped. */
const json = async (response: Response | Promise<Response>): Promise<any> => (await response).json();

function post(path: string, body: unknown, headers: Record<string, string> = {}, server = simulator): Promise<Response> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: text });
}

/** The `data:` payloads of an SSE body; the simulator writes one line per event. */
function dataOf(body: string): string[] {
  return body
    .split('\n\n')
    .filter(Boolean)
    .map((event) => event.replace(/^data: /, ''));
}

interface Chunk {
  choices: Array<{ delta: Record<string, unknown>; finish_reason: string | null }>;
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
}

beforeAll(async () => {
  simulator = await createSimulatorServer();
  guarded = await createSimulatorServer({ apiKey: 'sk-simulator-secret' });
});
afterAll(async () => {
  await simulator.close();
  await guarded.close();
});

describe('simulator: chat completions', () => {
  it('answers in OpenAI non-streaming shape with word-counted usage', async () => {
    const response = await post('/chat/completions', { model: 'demo-model', messages });
    const body = await json(response);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(body).toMatchObject({ id: expect.stringMatching(/^chatcmpl-/), object: 'chat.completion', model: 'demo-model', system_fingerprint: null });
    expect(body.choices).toEqual([
      { index: 0, message: { role: 'assistant', content: expect.any(String), refusal: null }, logprobs: null, finish_reason: 'stop' },
    ]);
    const content: string = body.choices[0].message.content;
    expect(content.startsWith('Simulated answer about Describe the tides of the')).toBe(true);
    expect(body.usage).toEqual({
      prompt_tokens: 10,
      completion_tokens: 90,
      total_tokens: 100,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
    expect(content.split(' ')).toHaveLength(90);
  });

  it('answers the same prompt the same way and a different prompt differently', async () => {
    const contentFor = async (text: string) =>
      (await json(post('/chat/completions', { model: 'm', messages: [{ role: 'user', content: text }] }))).choices[0].message.content;
    expect(await contentFor('hello there')).toBe(await contentFor('hello there'));
    expect(await contentFor('hello there')).not.toBe(await contentFor('goodbye now'));
  });

  it('streams a role chunk, 20 content chunks, finish, usage and [DONE]', async () => {
    const response = await post('/chat/completions', { model: 'm', messages, stream: true, stream_options: { include_usage: true } });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = dataOf(await response.text());

    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event) as Chunk & { object: string });
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '', refusal: null });
    const contentChunks = chunks.filter((chunk) => typeof chunk.choices[0]?.delta.content === 'string' && chunk.choices[0].delta.content !== '');
    expect(contentChunks).toHaveLength(20);
    expect(chunks.at(-2)?.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 10, completion_tokens: 90 } });
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);

    const plain = await json(post('/chat/completions', { model: 'm', messages }));
    expect(contentChunks.map((chunk) => chunk.choices[0]?.delta.content).join('')).toBe(plain.choices[0].message.content);
  });

  it('sends no usage chunk unless stream_options.include_usage is set', async () => {
    const events = dataOf(await (await post('/chat/completions', { model: 'm', messages, stream: true })).text());
    expect(events.slice(0, -1).some((event) => event.includes('"usage"'))).toBe(false);
  });

  it('stops at max_tokens or max_completion_tokens with finish_reason "length"', async () => {
    for (const limit of [{ max_tokens: 7 }, { max_completion_tokens: 7 }]) {
      const body = await json(post('/chat/completions', { model: 'm', messages, ...limit }));
      expect(body.choices[0].finish_reason).toBe('length');
      expect(body.choices[0].message.content.split(' ')).toHaveLength(7);
      expect(body.usage.completion_tokens).toBe(7);
    }
  });

  it('calls a tool the user names, streams it too, and obeys tool_choice', async () => {
    const tools = [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          parameters: {
            type: 'object',
            properties: {
              city: { type: 'string' },
              unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
              days: { type: 'integer', minimum: 1, maximum: 7 },
            },
            required: ['city'],
          },
        },
      },
      { type: 'function', function: { name: 'send_email', parameters: { type: 'object', properties: { to: { type: 'string', format: 'email' } } } } },
    ];
    const ask = (content: string, extra: Record<string, unknown> = {}) =>
      json(post('/chat/completions', { model: 'm', messages: [{ role: 'user', content }], tools, ...extra }));

    const called = await ask('Use get_weather for Paris');
    expect(called.choices[0].finish_reason).toBe('tool_calls');
    expect(called.choices[0].message.content).toBeNull();
    const [toolCall] = called.choices[0].message.tool_calls;
    expect(toolCall).toMatchObject({ id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'get_weather' } });
    expect(JSON.parse(toolCall.function.arguments)).toEqual({ city: 'Paris', unit: 'celsius', days: 3 });

    expect((await ask('Use get_weather', { tool_choice: 'none' })).choices[0].finish_reason).toBe('stop');
    expect((await ask('Just chat')).choices[0].finish_reason).toBe('stop');
    const forced = await ask('Just chat', { tool_choice: { type: 'function', function: { name: 'send_email' } } });
    expect(JSON.parse(forced.choices[0].message.tool_calls[0].function.arguments)).toEqual({ to: 'ada@example.com' });

    const streamed = dataOf(
      await (await post('/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'get_weather please' }], tools, stream: true })).text(),
    );
    const deltas = streamed.slice(0, -1).map((event) => JSON.parse(event) as Chunk);
    const argumentsText = deltas
      .map((chunk) => (chunk.choices[0]?.delta.tool_calls as Array<{ function: { arguments: string } }> | undefined)?.[0]?.function.arguments ?? '')
      .join('');
    expect(JSON.parse(argumentsText)).toEqual({ city: 'Paris', unit: 'celsius', days: 3 });
    expect(deltas.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('answers response_format json_schema with a document that fits the schema', async () => {
    const schema = {
      type: 'object',
      properties: {
        title: { type: 'string', minLength: 3 },
        score: { type: 'number', minimum: 50, maximum: 60 },
        level: { enum: ['low', 'high'] },
        tags: { type: 'array', items: { type: 'string' }, minItems: 2 },
        author: { type: 'object', properties: { verified: { type: 'boolean' }, age: { type: ['integer', 'null'] } } },
      },
      required: ['title', 'score', 'level', 'tags', 'author'],
      additionalProperties: false,
    };
    const response_format = { type: 'json_schema', json_schema: { name: 'review', schema, strict: true } };
    const body = await json(post('/chat/completions', { model: 'm', messages, response_format }));
    const document = JSON.parse(body.choices[0].message.content);
    expect(document).toEqual({ title: 'sample title', score: 50, level: 'low', tags: ['sample tags', 'sample tags'], author: { verified: true, age: 3 } });

    const jsonObject = await json(post('/chat/completions', { model: 'm', messages, response_format: { type: 'json_object' } }));
    expect(JSON.parse(jsonObject.choices[0].message.content)).toEqual({ answer: expect.stringMatching(/^Simulated answer about/) });
  });
});

describe('simulator: other endpoints', () => {
  it('answers legacy completions, streamed or not', async () => {
    const body = await json(post('/completions', { model: 'm', prompt: 'Once upon a time' }));
    expect(body).toMatchObject({ object: 'text_completion', choices: [{ index: 0, logprobs: null, finish_reason: 'length' }] });
    expect(body.choices[0].text.split(' ')).toHaveLength(16);

    const events = dataOf(await (await post('/completions', { model: 'm', prompt: 'Once upon a time', max_tokens: 200, stream: true })).text());
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event));
    expect(chunks.map((chunk) => chunk.choices[0].text).join('')).toMatch(/^Simulated answer about Once upon a time:/);
    expect(chunks.at(-1).choices[0].finish_reason).toBe('stop');
  });

  it('lists models in OpenAI list shape', async () => {
    const body = await json(fetch(`${simulator.url}/models`));
    expect(body).toEqual({ object: 'list', data: [{ id: 'simulator-model', object: 'model', created: expect.any(Number), owned_by: 'simulator' }] });
  });
});
