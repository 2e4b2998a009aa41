import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFullSimulator } from './full-simulator.js';
import { type SimulatorServer } from '../../src/simulator/server.js';

// The official client is the reference parser of Anthropic's wire format: if it reads the
// simulator's answers, events and errors, so will anything built for the Messages API.
const API_KEY = 'sk-ant-simulator-test-key';
let simulator: SimulatorServer;
let client: Anthropic;
const model = 'claude-3-5-haiku-20241022';
const messages = [{ role: 'user' as const, content: 'Name the planets of the solar system' }];
const tools = [{ name: 'get_weather', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] } }];

beforeAll(async () => {
  simulator = await createFullSimulator({ apiKey: API_KEY });
  // Anthropic clients append `/v1/messages` to the origin themselves.
  client = new Anthropic({ apiKey: API_KEY, baseURL: new URL(simulator.url).origin, maxRetries: 0 });
});
afterAll(async () => {
  await simulator.close();
});

describe('the @anthropic-ai/sdk client against the simulator', () => {
  it('parses a plain message cut by max_tokens', async () => {
    const message = await client.messages.create({ model, max_tokens: 12, messages });
    expect(message).toMatchObject({ type: 'message', role: 'assistant', model, stop_reason: 'max_tokens', id: expect.stringMatching(/^msg_/) });
    const [block] = message.content;
    expect(block?.type === 'text' && block.text).toMatch(/^Simulated answer about Name the planets/);
    expect(message.usage).toMatchObject({ input_tokens: 7, output_tokens: 12, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
  });

  it('streams text through the stream helpers and assembles the final message with its usage', async () => {
    const stream = client.messages.stream({ model, max_tokens: 1024, messages });
    let streamed = '';
    stream.on('text', (delta) => {
      streamed += delta;
    });
    const message = await stream.finalMessage();

    const [block] = message.content;
    expect(block?.type === 'text' && block.text).toBe(streamed);
    expect(streamed.split(' ')).toHaveLength(90);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage).toMatchObject({ input_tokens: 7, output_tokens: 90 });
  });

  it('reports a cache write, then a cache read, for a system prompt marked cache_control', async () => {
    const system = [{ type: 'text' as const, text: 'You are an astronomer who answers in one sentence.', cache_control: { type: 'ephemeral' as const } }];
    const first = await client.messages.stream({ model, max_tokens: 5, system, messages }).finalMessage();
    const second = await client.messages.create({ model, max_tokens: 5, system, messages });

    expect(first.usage).toMatchObject({ input_tokens: 7, cache_creation_input_tokens: 9, cache_read_input_tokens: 0 });
    expect(second.usage).toMatchObject({ input_tokens: 7, cache_creation_input_tokens: 0, cache_read_input_tokens: 9 });
  });

  it('parses tool use, plain and streamed', async () => {
    const request = { model, max_tokens: 1024, messages: [{ role: 'user' as const, content: 'call get_weather' }], tools };
    const message = await client.messages.create(request);
    const block = message.content[0];
    expect(message.stop_reason).toBe('tool_use');
    expect(block?.type === 'tool_use' && block).toMatchObject({ name: 'get_weather', id: expect.stringMatching(/^toolu_/), input: { city: 'Paris' } });

    const stream = client.messages.stream({ ...request, tool_choice: { type: 'tool', name: 'get_weather' }, messages });
    let json = '';
    stream.on('inputJson', (delta) => {
      json += delta;
    });
    const streamed = await stream.finalMessage();
    expect(JSON.parse(json)).toEqual({ city: 'Paris' });
    expect(streamed.content[0]).toMatchObject({ type: 'tool_use', name: 'get_weather', input: { city: 'Paris' } });
    expect(streamed.stop_reason).toBe('tool_use');
  });

  it('raises typed errors with status, error type and Retry-After', async () => {
    const limited = await client.messages
      .create({ model, max_tokens: 8, messages }, { headers: { 'x-simulator-status': '429', 'x-simulator-retry-after': '5' } })
      .catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(Anthropic.RateLimitError);
    expect(limited).toMatchObject({ status: 429, type: 'rate_limit_error' });
    expect((limited as InstanceType<typeof Anthropic.RateLimitError>).headers.get('retry-after')).toBe('5');

    const overloaded = client.messages.stream({ model, max_tokens: 8, messages }, { headers: { 'x-simulator-status': '529' } }).finalMessage();
    await expect(overloaded).rejects.toBeInstanceOf(Anthropic.OverloadedError);
    await expect(overloaded).rejects.toMatchObject({ status: 529, type: 'overloaded_error', apiMessage: 'Overloaded' });

    const unauthenticated = new Anthropic({ apiKey: 'sk-ant-wrong-key-000', baseURL: new URL(simulator.url).origin, maxRetries: 0 });
    await expect(unauthenticated.messages.create({ model, max_tokens: 8, messages })).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
    await expect(client.messages.create({ model, max_tokens: 8, messages: [] })).rejects.toBeInstanceOf(Anthropic.BadRequestError);
  });
});
