import { CohereClientV2, CohereError, Cohere } from 'cohere-ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFullSimulator } from './full-simulator.js';
import { type SimulatorServer } from '../../src/simulator/server.js';

// The official client is the reference parser of Cohere's v2 wire format: if it reads the
// simulator's answers, stream events and errors, so will anything built for the v2 API.
const API_KEY = 'simulator-cohere-test-key';
let simulator: SimulatorServer;
let client: CohereClientV2;
const model = 'command-r-plus-08-2024';
const messages = [{ role: 'user' as const, content: 'Name the planets of the solar system' }];

function cohereClient(token = API_KEY): CohereClientV2 {
  return new CohereClientV2({ token, baseUrl: new URL(simulator.url).origin, maxRetries: 0 });
}

beforeAll(async () => {
  simulator = await createFullSimulator({ apiKey: API_KEY });
  client = cohereClient();
});
afterAll(async () => {
  await simulator.close();
});

describe('the cohere-ai client against the simulator', () => {
  it('parses a plain answer cut by max_tokens, with billed units and tokens', async () => {
    const response = await client.chat({ model, messages, maxTokens: 12 });
    expect(response.finishReason).toBe('MAX_TOKENS');
    const [content] = response.message.content ?? [];
    expect(content?.type === 'text' && content.text).toMatch(/^Simulated answer about Name the planets/);
    expect(response.usage).toMatchObject({ billedUnits: { inputTokens: 7, outputTokens: 12 }, tokens: { inputTokens: 12, outputTokens: 12 } });
  });

  it('streams content deltas and ends with message-end usage', async () => {
    let streamed = '';
    let end: Cohere.ChatMessageEndEvent | undefined;
    for await (const event of await client.chatStream({ model, messages })) {
      if (event.type === 'content-delta') streamed += event.delta?.message?.content?.text ?? '';
      if (event.type === 'message-end') end = event;
    }
    expect(streamed.split(' ')).toHaveLength(90);
    expect(end?.delta).toMatchObject({ finishReason: 'COMPLETE', usage: { billedUnits: { inputTokens: 7, outputTokens: 90 } } });
  });

  it('parses tool calls, plain and streamed', async () => {
    const tools = [
      {
        type: 'function' as const,
        function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
      },
    ];
    const response = await client.chat({ model, messages: [{ role: 'user', content: 'call get_weather' }], tools });
    expect(response.finishReason).toBe('TOOL_CALL');
    expect(response.message.toolCalls?.[0]).toMatchObject({ type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } });

    let argumentsText = '';
    let started: string | undefined;
    for await (const event of await client.chatStream({ model, messages, tools, toolChoice: 'REQUIRED' })) {
      if (event.type === 'tool-call-start') started = event.delta?.message?.toolCalls?.function?.name;
      if (event.type === 'tool-call-delta') argumentsText += event.delta?.message?.toolCalls?.function?.arguments ?? '';
    }
    expect(started).toBe('get_weather');
    expect(JSON.parse(argumentsText)).toEqual({ city: 'Paris' });
  });

  it('embeds texts as float vectors', async () => {
    const response = await client.embed({
      model: 'embed-english-v3.0',
      texts: ['first text', 'second text'],
      inputType: 'search_document',
      embeddingTypes: ['float'],
    });
    expect(response.embeddings.float).toHaveLength(2);
    expect(response.embeddings.float?.[0]).toHaveLength(1024);
    expect(response.meta?.billedUnits?.inputTokens).toBe(4);
  });

  it('raises the typed error for each status, with Cohere’s message', async () => {
    const limited = await client.chat({ model, messages }, { headers: { 'x-simulator-status': '429' } }).catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(Cohere.TooManyRequestsError);
    expect(limited).toMatchObject({ statusCode: 429, body: { message: expect.stringContaining('Trial key') } });

    const unavailable = client.chatStream({ model, messages }, { headers: { 'x-simulator-status': '503' } });
    await expect(unavailable).rejects.toBeInstanceOf(Cohere.ServiceUnavailableError);
    await expect(cohereClient('wrong-key').chat({ model, messages })).rejects.toBeInstanceOf(Cohere.UnauthorizedError);
    const badDimension = client.embed({ model: 'embed-v4.0', texts: ['x'], inputType: 'search_query', embeddingTypes: ['float'], outputDimension: 7 });
    await expect(badDimension).rejects.toBeInstanceOf(Cohere.BadRequestError);
    await expect(badDimension).rejects.toBeInstanceOf(CohereError);
  });
});
