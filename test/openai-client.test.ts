import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { startTestGateway, uuidPattern, type TestGateway } from './support/test-gateway.js';

/** The official `openai` npm client, unmodified, pointed at the gateway's /v1. */
describe.each(databaseKinds())('the openai npm client against the gateway on %s', (kind) => {
  let gateway: TestGateway;
  let client: OpenAI;
  beforeAll(async () => {
    gateway = await startTestGateway(kind);
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.userKey, maxRetries: 0 });
  });
  afterAll(() => gateway.close());

  const weatherTool = {
    type: 'function' as const,
    function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
  };

  it('chat.completions.create answers the message, with the Inference-Id on the raw response', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Explain gravity' }], max_tokens: 12 })
      .withResponse();
    expect(response.headers.get('inference-id')).toMatch(uuidPattern);
    expect(data.id).toBe(`chatcmpl-${response.headers.get('inference-id')}`);
    expect(data.choices[0]!.message.content).toMatch(/^Simulated answer about Explain gravity:/);
    expect(data.choices[0]!.finish_reason).toBe('length');
    expect(data.usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 12, total_tokens: 14 });
  });

  it('streams chat through the client, usage included when asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'meta-llama/Llama-3.1-8B-Instruct',
      messages: [{ role: 'user', content: 'Count to three' }],
      max_tokens: 6,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let finishReason: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toMatch(/^Simulated answer about Count to three:/);
    expect(text.split(' ')).toHaveLength(6);
    expect(finishReason).toBe('length');
    expect(usage).toMatchObject({ completion_tokens: 6 });
  });

  it('calls tools, plain and streamed (assembled by the client helper), and takes the result back', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Call get_weather for Oslo' }];
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: [weatherTool] });
    const call = completion.choices[0]!.message.tool_calls![0]!;
    expect(call.type).toBe('function');
    expect(call.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ city: expect.any(String) });
    expect(completion.choices[0]!.finish_reason).toBe('tool_calls');

    const streamed = await client.chat.completions.stream({ model: 'gpt-4o-mini', messages, tools: [weatherTool] }).finalChatCompletion();
    const streamedCall = streamed.choices[0]!.message.tool_calls![0]!;
    expect(streamedCall.type === 'function' && streamedCall.function.name).toBe('get_weather');
    expect(streamedCall.type === 'function' && JSON.parse(streamedCall.function.arguments)).toEqual({ city: expect.any(String) });

    const answer = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [...messages, completion.choices[0]!.message, { role: 'tool', tool_call_id: call.id, content: 'cold' }],
    });
    expect(answer.choices[0]!.message.content).toEqual(expect.any(String));
  });

  it('parses a json_schema answer with the client', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'A city' }],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'city', schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
      },
    });
    expect(JSON.parse(completion.choices[0]!.message.content!)).toEqual({ name: expect.any(String) });
  });

  it('completions.create answers text, plain and streamed', async () => {
    const completion = await client.completions.create({ model: 'gpt-3.5-turbo', prompt: 'Say hi', max_tokens: 4 });
    expect(completion.object).toBe('text_completion');
    expect(completion.choices[0]!.text.split(' ')).toHaveLength(4);
    const stream = await client.completions.create({ model: 'gpt-3.5-turbo', prompt: 'Say hi', max_tokens: 4, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
    expect(text).toBe(completion.choices[0]!.text);
  });

  it('embeddings.create decodes the default base64 answer to the same vectors as float', async () => {
    const packed = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['one', 'two'] });
    const floats = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['one', 'two'], encoding_format: 'float' });
    expect(packed.data).toHaveLength(2);
    expect(packed.data[0]!.embedding.length).toBeGreaterThan(8);
    expect(packed.data.map((item) => item.embedding)).toEqual(floats.data.map((item) => item.embedding.map(Math.fround)));
    expect(packed.data[0]!.embedding).not.toEqual(packed.data[1]!.embedding);
  });

  it('images.generate answers b64_json and a URL that serves the same kind of PNG', async () => {
    const inline = await client.images.generate({ prompt: 'a lighthouse', size: '256x256', response_format: 'b64_json' });
    const png = Buffer.from(inline.data![0]!.b64_json!, 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(256);

    const linked = await client.images.generate({ prompt: 'a lighthouse', size: '256x256', response_format: 'url' });
    const image = await fetch(linked.data![0]!.url!);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).readUInt32BE(16)).toBe(256);
  });

  it('models.list pages through every model, each with pricing and context_length; models.retrieve finds one', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) {
      ids.push(model.id);
      const extra = model as unknown as { pricing: { input: number; output: number }; context_length: number };
      expect(extra.pricing.input).toBeTypeOf('number');
      expect(extra.context_length).toBeTypeOf('number');
    }
    expect(ids).toEqual(expect.arrayContaining(['gpt-4o-mini', 'meta-llama/Llama-3.1-8B-Instruct', 'flux.1-schnell']));
    const model = await client.models.retrieve('meta-llama/Llama-3.1-8B-Instruct');
    expect(model).toMatchObject({ id: 'meta-llama/Llama-3.1-8B-Instruct', object: 'model', owned_by: 'meta-llama' });
  });

  it('surfaces gateway errors as the client error classes', async () => {
    await expect(client.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] })).rejects.toBeInstanceOf(
      OpenAI.NotFoundError,
    );
    await expect(client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }], n: 9 })).rejects.toBeInstanceOf(
      OpenAI.BadRequestError,
    );
    const stranger = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'gw_live_not_a_key', maxRetries: 0 });
    await expect(stranger.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });
});
