import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPng } from '../../test/support/providers/read-png.js';
import { createSimulatorServer, type SimulatorServer } from './server.js';

// The official client is the reference parser of OpenAI's wire format: if it reads the
// simulator's answers, so will anything built for OpenAI.
let simulator: SimulatorServer;
let client: OpenAI;
const messages = [{ role: 'user' as const, content: 'Name the planets of the solar system' }];
const tools = [
  {
    type: 'function' as const,
    function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
  },
];

beforeAll(async () => {
  simulator = await createSimulatorServer({ apiKey: 'sk-simulator-test-key' });
  client = new OpenAI({ apiKey: 'sk-simulator-test-key', baseURL: simulator.url, maxRetries: 0 });
});
afterAll(async () => {
  await simulator.close();
});

describe('the openai npm client against the simulator', () => {
  it('parses a plain chat completion', async () => {
    const completion = await client.chat.completions.create({ model: 'simulator-model', messages, max_tokens: 12 });
    expect(completion.choices[0]?.message.content).toMatch(/^Simulated answer about Name the planets/);
    expect(completion.choices[0]?.finish_reason).toBe('length');
    expect(completion.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 12, total_tokens: 19 });
  });

  it('parses a streamed chat completion with the usage chunk', async () => {
    const stream = await client.chat.completions.create({ model: 'simulator-model', messages, stream: true, stream_options: { include_usage: true } });
    let text = '';
    let finishReason: string | null | undefined;
    let completionTokens: number | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
      completionTokens = chunk.usage?.completion_tokens ?? completionTokens;
    }
    expect(text.split(' ')).toHaveLength(90);
    expect(finishReason).toBe('stop');
    expect(completionTokens).toBe(90);
  });

  it('parses tool calls, plain and streamed', async () => {
    const request = { model: 'simulator-model', messages: [{ role: 'user' as const, content: 'call get_weather' }], tools };
    const completion = await client.chat.completions.create(request);
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ city: 'Paris' });

    const stream = await client.chat.completions.create({ ...request, stream: true });
    let argumentsText = '';
    let name: string | undefined;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta.tool_calls?.[0];
      name = delta?.function?.name ?? name;
      argumentsText += delta?.function?.arguments ?? '';
    }
    expect(name).toBe('get_weather');
    expect(JSON.parse(argumentsText)).toEqual({ city: 'Paris' });
  });

  it('raises typed errors with status, code and Retry-After', async () => {
    const limited = await client.chat.completions
      .create({ model: 'simulator-model', messages }, { headers: { 'x-simulator-status': '429', 'x-simulator-retry-after': '5' } })
      .catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(limited).toMatchObject({ status: 429, code: 'rate_limit_exceeded', type: 'requests' });
    expect((limited as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('5');

    const unauthenticated = new OpenAI({ apiKey: 'sk-wrong-key-000', baseURL: simulator.url, maxRetries: 0 });
    await expect(unauthenticated.chat.completions.create({ model: 'simulator-model', messages })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(client.chat.completions.create({ model: 'simulator-model', messages: [] })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });

  it('parses legacy completions and the model list', async () => {
    const completion = await client.completions.create({ model: 'simulator-model', prompt: 'Once upon a time', max_tokens: 5 });
    expect(completion.choices[0]?.text).toBe('Simulated answer about Once upon');
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toEqual(['simulator-model']);
  });

  it('creates embeddings as floats and, by default, as base64 it decodes to the same floats', async () => {
    const input = ['the quick brown fox', 'the quick brown dog'];
    const asFloats = await client.embeddings.create({ model: 'simulator-embed', input, encoding_format: 'float' });
    // Without encoding_format the client asks for base64 and decodes it into numbers itself.
    const byDefault = await client.embeddings.create({ model: 'simulator-embed', input, dimensions: 64 });
    const defaultFloats = await client.embeddings.create({ model: 'simulator-embed', input, dimensions: 64, encoding_format: 'float' });

    expect(asFloats.data.map((item) => item.embedding.length)).toEqual([384, 384]);
    const [fox, dog] = asFloats.data.map((item) => item.embedding);
    expect(Math.hypot(...fox!)).toBeCloseTo(1, 5);
    expect(fox!.reduce((sum, value, index) => sum + value * dog![index]!, 0)).toBeGreaterThan(0.5);
    expect(byDefault.data[0]?.embedding).toHaveLength(64);
    expect(byDefault.data.map((item) => item.embedding)).toEqual(defaultFloats.data.map((item) => item.embedding));
    expect(asFloats.usage).toEqual({ prompt_tokens: 8, total_tokens: 8 });
  });

  it('generates images as b64_json and as a URL that serves the PNG', async () => {
    const inline = await client.images.generate({ model: 'simulator-image', prompt: 'a watercolor harbor', size: '256x256', response_format: 'b64_json' });
    const png = readPng(Buffer.from(inline.data?.[0]?.b64_json ?? '', 'base64'));
    expect([png.width, png.height]).toEqual([256, 256]);

    const linked = await client.images.generate({ model: 'simulator-image', prompt: 'a watercolor harbor', size: '256x256', response_format: 'url', n: 2 });
    expect(linked.data).toHaveLength(2);
    const served = Buffer.from(await (await fetch(linked.data?.[0]?.url ?? '')).arrayBuffer());
    expect(served).toEqual(Buffer.from(inline.data?.[0]?.b64_json ?? '', 'base64'));
  });
});
