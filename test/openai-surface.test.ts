import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { readEvents, startTestGateway, uuidPattern, type TestGateway } from './support/test-gateway.js';

type Json = Record<string, any>;

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather of a city',
    parameters: { type: 'object', properties: { city: { type: 'string' }, celsius: { type: 'boolean' } }, required: ['city', 'celsius'] },
  },
};
const citySchema = { type: 'object', properties: { city: { type: 'string' }, population: { type: 'integer' } }, required: ['city', 'population'] };

describe.each(databaseKinds())('OpenAI-compatible surface on %s', (kind) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway(kind);
  });
  afterAll(() => gateway.close());

  const post = async (path: string, body: unknown) => {
    const response = await gateway.request(path, { body });
    return { response, body: (await response.json()) as Json, inferenceId: response.headers.get('inference-id')! };
  };
  const chat = (body: Json) => post('/v1/chat/completions', { model: 'gpt-4o-mini', ...body });
  const stream = async (path: string, body: Json) => {
    const response = await gateway.request(path, { body: { model: 'gpt-4o-mini', stream: true, ...body } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('inference-id')).toMatch(uuidPattern);
    return { inferenceId: response.headers.get('inference-id')!, events: await readEvents(response) };
  };

  describe('POST /v1/chat/completions', () => {
    it("answers OpenAI's chat.completion object, and bills the call as conversational", async () => {
      const before = Math.floor(Date.now() / 1000);
      const { response, body, inferenceId } = await chat({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Name three colours' },
        ],
      });
      expect(response.status).toBe(200);
      expect(inferenceId).toMatch(uuidPattern);
      expect(Object.keys(body).sort()).toEqual(['choices', 'created', 'id', 'model', 'object', 'system_fingerprint', 'usage']);
      expect(body).toMatchObject({ id: `chatcmpl-${inferenceId}`, object: 'chat.completion', model: 'gpt-4o-mini', system_fingerprint: null });
      expect(body.created).toBeGreaterThanOrEqual(before);
      expect(body.choices).toEqual([
        {
          index: 0,
          message: { role: 'assistant', content: expect.stringMatching(/^Simulated answer about Name three colours:/), refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ]);
      expect(body.usage).toMatchObject({ prompt_tokens: 5, completion_tokens: 90, total_tokens: 95, prompt_tokens_details: { cached_tokens: 0 } });
      expect(await gateway.usageRow(inferenceId)).toMatchObject({
        task: 'conversational',
        model: 'gpt-4o-mini',
        status: 'success',
        input_tokens: 5,
        output_tokens: 90,
      });
    });

    it('takes text content parts, the developer role, a Hub model id, max_completion_tokens and unknown fields', async () => {
      const { response, body, inferenceId } = await post('/v1/chat/completions', {
        model: 'meta-llama/Llama-3.1-8B-Instruct',
        messages: [
          { role: 'developer', content: [{ type: 'text', text: 'You are terse.' }] },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Hello' },
              { type: 'text', text: 'there' },
            ],
          },
        ],
        max_tokens: 50,
        max_completion_tokens: 3,
        temperature: 0.2,
        top_p: null,
        logprobs: false,
        parallel_tool_calls: true,
        some_future_option: { anything: 1 },
      });
      expect(response.status).toBe(200);
      expect(body.model).toBe('meta-llama/Llama-3.1-8B-Instruct');
      expect(body.choices[0].finish_reason).toBe('length');
      expect(body.usage).toMatchObject({ prompt_tokens: 5, completion_tokens: 3 });
      expect(await gateway.usageRow(inferenceId)).toMatchObject({ model: 'llama-3.1-8b-instruct' });
    });

    it('answers tool calls with content null, and takes them back in the history with the tool result', async () => {
      const first = await chat({ messages: [{ role: 'user', content: 'Use get_weather for Paris' }], tools: [weatherTool] });
      expect(first.response.status).toBe(200);
      const choice = first.body.choices[0];
      expect(choice.finish_reason).toBe('tool_calls');
      expect(choice.message.content).toBeNull();
      expect(choice.message.tool_calls).toEqual([
        { id: expect.stringMatching(/\S/), type: 'function', function: { name: 'get_weather', arguments: expect.any(String) } },
      ]);
      expect(JSON.parse(choice.message.tool_calls[0].function.arguments)).toEqual({ city: expect.any(String), celsius: expect.any(Boolean) });

      const second = await chat({
        tools: [weatherTool],
        tool_choice: 'none',
        messages: [
          { role: 'user', content: 'Use get_weather for Paris' },
          choice.message,
          { role: 'tool', tool_call_id: choice.message.tool_calls[0].id, content: 'sunny and warm' },
        ],
      });
      expect(second.response.status).toBe(200);
      expect(second.body.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: expect.any(String) } });
      expect(second.body.choices[0].message.tool_calls).toBeUndefined();
      // The tool result reached the model: its three words are part of the prompt.
      expect(second.body.usage.prompt_tokens).toBe(first.body.usage.prompt_tokens + 3);
    });

    it('forces a tool with tool_choice', async () => {
      const { body } = await chat({
        messages: [{ role: 'user', content: 'Hi' }],
        tools: [weatherTool],
        tool_choice: { type: 'function', function: { name: 'get_weather' } },
      });
      expect(body.choices[0].message.tool_calls[0].function.name).toBe('get_weather');
    });

    it.each([
      ['json_schema', { type: 'json_schema', json_schema: { name: 'city', schema: citySchema, strict: true } }],
      ["TGI's json_object with a schema (huggingface_hub)", { type: 'json_object', value: citySchema }],
      ["TGI's json_schema with the schema in value", { type: 'json_schema', value: citySchema }],
    ])('constrains the answer to a schema with response_format %s', async (_name, responseFormat) => {
      const { body } = await chat({ messages: [{ role: 'user', content: 'Describe Paris' }], response_format: responseFormat });
      expect(JSON.parse(body.choices[0].message.content)).toEqual({ city: expect.any(String), population: expect.any(Number) });
    });

    it('answers JSON with response_format json_object', async () => {
      const { body } = await chat({ messages: [{ role: 'user', content: 'Describe Paris' }], response_format: { type: 'json_object' } });
      expect(JSON.parse(body.choices[0].message.content)).toBeTypeOf('object');
    });

    it('streams chunks: the role with the first text, content deltas, the finish reason, then [DONE]', async () => {
      const { inferenceId, events } = await stream('/v1/chat/completions', { messages: [{ role: 'user', content: 'Tell me a story' }], max_tokens: 8 });
      expect(events.at(-1)).toBe('[DONE]');
      const chunks = events.slice(0, -1) as Json[];
      for (const chunk of chunks) {
        expect(chunk).toMatchObject({ id: `chatcmpl-${inferenceId}`, object: 'chat.completion.chunk', model: 'gpt-4o-mini', system_fingerprint: null });
        expect(chunk).not.toHaveProperty('usage');
      }
      expect(chunks[0]!.choices).toEqual([
        { index: 0, delta: { role: 'assistant', content: expect.stringMatching(/^Simulated/), refusal: null }, logprobs: null, finish_reason: null },
      ]);
      expect(chunks.at(-1)!.choices).toEqual([{ index: 0, delta: {}, logprobs: null, finish_reason: 'length' }]);
      const text = chunks
        .slice(0, -1)
        .map((chunk) => chunk.choices[0].delta.content)
        .join('');
      expect(text.split(' ')).toHaveLength(8);
      expect(text).toMatch(/^Simulated answer about Tell me a story:/);
      expect(await gateway.usageRow(inferenceId)).toMatchObject({ task: 'conversational', status: 'success', output_tokens: 8 });
    });

    it('with stream_options.include_usage, every chunk says usage: null and a last one without choices has it', async () => {
      const { events } = await stream('/v1/chat/completions', {
        messages: [{ role: 'user', content: 'Hi' }],
        max_tokens: 4,
        stream_options: { include_usage: true },
      });
      const chunks = events.slice(0, -1) as Json[];
      for (const chunk of chunks.slice(0, -1)) expect(chunk.usage).toBeNull();
      expect(chunks.at(-2)!.choices[0].finish_reason).toBe('length');
      expect(chunks.at(-1)).toMatchObject({ object: 'chat.completion.chunk', choices: [], usage: { prompt_tokens: 1, completion_tokens: 4, total_tokens: 5 } });
    });

    it('streams tool-call deltas that assemble into the call', async () => {
      const { events } = await stream('/v1/chat/completions', { messages: [{ role: 'user', content: 'get_weather please' }], tools: [weatherTool] });
      const deltas = (events.slice(0, -1) as Json[]).flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
      expect(deltas[0]).toMatchObject({ index: 0, id: expect.any(String), type: 'function', function: { name: 'get_weather' } });
      const argumentsText = deltas.map((delta: Json) => delta.function.arguments ?? '').join('');
      expect(JSON.parse(argumentsText)).toEqual({ city: expect.any(String), celsius: expect.any(Boolean) });
      expect((events.at(-2) as Json).choices[0].finish_reason).toBe('tool_calls');
    });
  });

  describe('POST /v1/completions', () => {
    it("answers OpenAI's text_completion with 16 tokens by default, billed as text-generation", async () => {
      const { response, body, inferenceId } = await post('/v1/completions', { model: 'gpt-3.5-turbo', prompt: 'Once upon a time' });
      expect(response.status).toBe(200);
      expect(body).toEqual({
        id: `cmpl-${inferenceId}`,
        object: 'text_completion',
        created: expect.any(Number),
        model: 'gpt-3.5-turbo',
        system_fingerprint: null,
        choices: [{ text: expect.stringMatching(/^Simulated answer about Once upon a time:/), index: 0, logprobs: null, finish_reason: 'length' }],
        usage: expect.objectContaining({ prompt_tokens: 4, completion_tokens: 16, total_tokens: 20 }),
      });
      expect(await gateway.usageRow(inferenceId)).toMatchObject({ task: 'text-generation', model: 'gpt-3.5-turbo', output_tokens: 16 });
    });

    it('takes a one-string prompt list, max_tokens and echo', async () => {
      const { body } = await post('/v1/completions', { model: 'gpt-3.5-turbo', prompt: ['Hello'], max_tokens: 3, echo: true });
      expect(body.choices[0].text).toMatch(/^HelloSimulated answer about/);
      expect(body.usage.completion_tokens).toBe(3);
    });

    it('streams text_completion chunks, the usage when asked, then [DONE]', async () => {
      const { inferenceId, events } = await stream('/v1/completions', { prompt: 'Hi', max_tokens: 5, stream_options: { include_usage: true } });
      expect(events.at(-1)).toBe('[DONE]');
      const chunks = events.slice(0, -1) as Json[];
      for (const chunk of chunks) expect(chunk).toMatchObject({ id: `cmpl-${inferenceId}`, object: 'text_completion' });
      expect(
        chunks
          .slice(0, -2)
          .map((chunk) => chunk.choices[0].text)
          .join('')
          .split(' '),
      ).toHaveLength(5);
      expect(chunks.at(-2)!.choices).toEqual([{ text: '', index: 0, logprobs: null, finish_reason: 'length' }]);
      expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: 5 } });
    });
  });

  describe('POST /v1/embeddings', () => {
    it('embeds a list of texts as floats, billed as embedding', async () => {
      const { response, body, inferenceId } = await post('/v1/embeddings', { model: 'text-embedding-3-small', input: ['a cat', 'a dog sleeps'] });
      expect(response.status).toBe(200);
      expect(body).toMatchObject({ object: 'list', model: 'text-embedding-3-small', usage: { prompt_tokens: 5, total_tokens: 5 } });
      expect(body.data.map((item: Json) => [item.object, item.index])).toEqual([
        ['embedding', 0],
        ['embedding', 1],
      ]);
      const [cat, dog] = body.data.map((item: Json) => item.embedding as number[]);
      expect(cat!.length).toBeGreaterThan(8);
      expect(cat).not.toEqual(dog);
      expect(await gateway.usageRow(inferenceId)).toMatchObject({ task: 'embedding', model: 'text-embedding-3-small', status: 'success' });
    });

    it('answers base64 little-endian float32 that decodes to the float vector, and honours dimensions', async () => {
      const input = 'the same text';
      const floats = await post('/v1/embeddings', { model: 'BAAI/bge-base-en-v1.5', input, dimensions: 16 });
      const packed = await post('/v1/embeddings', { model: 'BAAI/bge-base-en-v1.5', input, dimensions: 16, encoding_format: 'base64' });
      const vector = floats.body.data[0].embedding as number[];
      expect(vector).toHaveLength(16);
      expect(floats.body.model).toBe('BAAI/bge-base-en-v1.5');
      const bytes = Buffer.from(packed.body.data[0].embedding as string, 'base64');
      const decoded = Array.from({ length: bytes.length / 4 }, (_, index) => bytes.readFloatLE(index * 4));
      expect(decoded).toEqual(vector.map((value) => Math.fround(value)));
    });

    it('refuses token-id inputs to a model without a known tokenizer, empty inputs, a chat model and a bad encoding_format', async () => {
      for (const [body, status, message] of [
        [{ input: [[1, 2, 3]], model: 'bge-base-en-v1.5' }, 400, /Token-id input needs a model with a known tokenizer/],
        [{ input: '' }, 400, /must not be empty/],
        [{ input: 'x', encoding_format: 'int8' }, 400, /encoding_format/],
        [{ input: 'x', model: 'gpt-4o-mini' }, 400, /serves .* not embedding/],
      ] as const) {
        const response = await gateway.request('/v1/embeddings', { body });
        expect(response.status).toBe(status);
        expect(((await response.json()) as Json).error.message).toMatch(message);
      }
    });
  });

  describe('POST /v1/images/generations', () => {
    const pngSize = (png: Buffer) => ({ signature: png.subarray(1, 4).toString(), width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

    it('inlines b64_json PNGs of the asked size and count, billed per image', async () => {
      const { response, body, inferenceId } = await post('/v1/images/generations', { prompt: 'a red fox', n: 2, size: '64x96', response_format: 'b64_json' });
      expect(response.status).toBe(200);
      expect(Object.keys(body).sort()).toEqual(['created', 'data']);
      expect(body.data).toHaveLength(2);
      for (const item of body.data) expect(pngSize(Buffer.from(item.b64_json, 'base64'))).toEqual({ signature: 'PNG', width: 64, height: 96 });
      expect(await gateway.usageRow(inferenceId)).toMatchObject({ task: 'image-generation', model: 'flux.1-schnell', images: 2, cost_nano_usd: 6_000_000n });
    });

    it('answers a URL on the gateway by default, fetchable without the key, unguessable', async () => {
      const { body } = await post('/v1/images/generations', { prompt: 'a blue whale', size: '64x64' });
      const url = body.data[0].url as string;
      expect(url).toMatch(new RegExp(`^${gateway.url}/v1/images/[0-9a-f-]{36}\\.png$`));
      const image = await fetch(url);
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/png');
      expect(image.headers.get('inference-id')).toMatch(uuidPattern);
      expect(pngSize(Buffer.from(await image.arrayBuffer()))).toEqual({ signature: 'PNG', width: 64, height: 64 });
      const missing = await fetch(`${gateway.url}/v1/images/00000000-0000-4000-8000-000000000000.png`);
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as Json).error).toMatchObject({ type: 'not_found_error', code: 'not_found' });
    });

    it('refuses n above 4, a malformed size and a text model', async () => {
      for (const [body, message] of [
        [{ prompt: 'x', n: 5 }, /n/],
        [{ prompt: 'x', size: 'big' }, /size must be/],
        [{ prompt: 'x', model: 'gpt-4o-mini' }, /not image-generation/],
        [{ n: 1 }, /prompt/],
      ] as const) {
        const response = await gateway.request('/v1/images/generations', { body });
        expect(response.status).toBe(400);
        expect(((await response.json()) as Json).error.message).toMatch(message);
      }
    });
  });

  describe('GET /v1/models', () => {
    it('lists every served model and chat Hub id with pricing in USD per million tokens and context_length', async () => {
      const response = await gateway.request('/v1/models');
      expect(response.status).toBe(200);
      const body = (await response.json()) as { object: string; data: Json[] };
      expect(body.object).toBe('list');
      const byId = new Map(body.data.map((model) => [model.id, model]));
      expect(byId.get('gpt-4o-mini')).toEqual({
        id: 'gpt-4o-mini',
        object: 'model',
        created: expect.any(Number),
        owned_by: 'openai',
        pricing: { input: 0.15, output: 0.6 },
        context_length: 128_000,
      });
      expect(byId.get('meta-llama/Llama-3.1-8B-Instruct')).toMatchObject({
        owned_by: 'meta-llama',
        pricing: { input: 0.02, output: 0.03 },
        context_length: 131_072,
      });
      expect(byId.has('text-embedding-3-small')).toBe(true);
      // Hub ids mapped only for other tasks are not chat models.
      expect(byId.has('facebook/bart-large-cnn')).toBe(false);
      for (const model of body.data) expect(model.pricing.input).toBeTypeOf('number');
    });

    it('retrieves one model by an id holding a slash, and 404s an unknown one', async () => {
      const found = await gateway.request('/v1/models/meta-llama/Llama-3.1-8B-Instruct');
      expect(found.status).toBe(200);
      expect(((await found.json()) as Json).id).toBe('meta-llama/Llama-3.1-8B-Instruct');
      const missing = await gateway.request('/v1/models/no-such-model');
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as Json).error).toMatchObject({ type: 'not_found_error', code: 'not_found' });
      expect((await gateway.request('/v1/models', { key: null })).status).toBe(401);
    });
  });

  describe('bad input', () => {
    // OpenAI's shape on /v1/*: the SDKs show `error.message`, so the reason must be in it.
    const expectError = async (path: string, body: unknown, status: number, errorType: string, message: RegExp) => {
      const response = await gateway.request(path, { body });
      expect(response.status).toBe(status);
      expect(response.headers.get('inference-id')).toMatch(uuidPattern);
      const body_ = (await response.json()) as Json;
      expect(Object.keys(body_)).toEqual(['error']);
      expect(Object.keys(body_.error).sort()).toEqual(['code', 'message', 'param', 'type']);
      expect(body_.error.type).toBe(errorType);
      expect(body_.error.param).toBeNull();
      expect(body_.error.message).toMatch(message);
    };
    const user = [{ role: 'user', content: 'Hi' }];

    it.each([
      ['n = 9', { model: 'gpt-4o-mini', messages: user, n: 9 }, /at most 8 choices/],
      ['n = 2 with stream', { model: 'gpt-4o-mini', messages: user, n: 2, stream: true }, /n > 1 is not supported with stream/],
      [
        'an image part',
        { model: 'gpt-4o-mini', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] }] },
        /"image_url" content parts are not supported/,
      ],
      ['no messages', { model: 'gpt-4o-mini' }, /messages/],
      ['empty messages', { model: 'gpt-4o-mini', messages: [] }, /messages/],
      ['an unknown role', { model: 'gpt-4o-mini', messages: [{ role: 'wizard', content: 'x' }] }, /messages\.0/],
      ['a tool message without tool_call_id', { model: 'gpt-4o-mini', messages: [{ role: 'tool', content: 'x' }] }, /tool_call_id/],
      ['a non-function tool', { model: 'gpt-4o-mini', messages: user, tools: [{ type: 'custom', custom: { name: 'x' } }] }, /tools\.0/],
      ['temperature 3', { model: 'gpt-4o-mini', messages: user, temperature: 3 }, /temperature/],
    ])('chat: %s is a 400', async (_name, body, message) => {
      await expectError('/v1/chat/completions', body, 400, 'invalid_request_error', message);
    });

    it('chat: an unknown model is a 404; an embedding model is a 400', async () => {
      await expectError('/v1/chat/completions', { model: 'no-such/model', messages: user }, 404, 'not_found_error', /no-such\/model/);
      await expectError('/v1/chat/completions', { model: 'text-embedding-3-small', messages: user }, 400, 'invalid_request_error', /embedding/);
    });

    it('completions: several prompts, token prompts and a missing prompt are 400s', async () => {
      await expectError('/v1/completions', { prompt: ['a', 'b'] }, 400, 'invalid_request_error', /only one prompt/);
      await expectError('/v1/completions', { prompt: [1, 2, 3] }, 400, 'invalid_request_error', /token-id prompts are not supported/);
      await expectError('/v1/completions', {}, 400, 'invalid_request_error', /prompt/);
    });

    it('invalid JSON is a 400; no key a 401; a key without the inference scope a 403', async () => {
      await expectError('/v1/chat/completions', '{"model":', 400, 'invalid_request_error', /JSON/);
      const anonymous = await gateway.request('/v1/chat/completions', { body: { messages: user }, key: null });
      expect(anonymous.status).toBe(401);
      const billingOnly = await gateway.createKey('bob', ['billing:read']);
      for (const path of ['/v1/chat/completions', '/v1/completions', '/v1/embeddings', '/v1/images/generations']) {
        const response = await gateway.request(path, { body: { messages: user }, key: billingOnly });
        expect(response.status).toBe(403);
        expect(response.headers.get('inference-id')).toMatch(uuidPattern);
      }
    });
  });
});

describe.each(databaseKinds())('OpenAI-compatible surface with a failing upstream on %s', (kind) => {
  let gateway: TestGateway | undefined;
  afterAll(() => gateway?.close());
  const streamBody = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true };

  it("a failure before the first token is an ordinary HTTP error in OpenAI's format", async () => {
    gateway = await startTestGateway(kind, { simulatorHeaders: { 'x-simulator-status': '400' } });
    const response = await gateway.request('/v1/chat/completions', { body: streamBody });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'invalid_request' } });
    await gateway.close();
    gateway = undefined;
  });

  it('a stream cut mid-way ends on an error event without [DONE], billed as partial', async () => {
    gateway = await startTestGateway(kind, { simulatorHeaders: { 'x-simulator-fail': 'reset-mid-stream' } });
    const response = await gateway.request('/v1/chat/completions', { body: streamBody });
    expect(response.status).toBe(200);
    const events = (await readEvents(response)) as (Json | string)[];
    expect(events).not.toContain('[DONE]');
    expect(events.at(-1)).toEqual({ error: { message: expect.any(String), type: 'api_error', code: 'upstream_error', param: null } });
    expect((events as Json[]).filter((event) => event.object === 'chat.completion.chunk').length).toBeGreaterThan(1);
    const row = await gateway.database.db
      .selectFrom('usage')
      .selectAll()
      .where('request_id', '=', response.headers.get('inference-id')!)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('partial');
  });
});
