import { ApiError, FinishReason, GoogleGenAI, Type } from '@google/genai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFullSimulator } from './full-simulator.js';
import { type SimulatorServer } from '../../src/simulator/server.js';

// The official client is the reference parser of Gemini's wire format: if it reads the
// simulator's answers, stream chunks and errors, so will anything built for the Gemini API.
const API_KEY = 'AIzaSy-simulator-test-key';
let simulator: SimulatorServer;
let client: GoogleGenAI;
const model = 'gemini-2.0-flash';
const contents = 'Name the planets of the solar system';

function googleClient(apiKey = API_KEY, headers?: Record<string, string>): GoogleGenAI {
  // One attempt: the simulator's injected failures must reach the test, not be retried away.
  return new GoogleGenAI({ apiKey, httpOptions: { baseUrl: new URL(simulator.url).origin, retryOptions: { attempts: 1 }, ...(headers ? { headers } : {}) } });
}

beforeAll(async () => {
  simulator = await createFullSimulator({ apiKey: API_KEY });
  client = googleClient();
});
afterAll(async () => {
  await simulator.close();
});

describe('the @google/genai client against the simulator', () => {
  it('parses a plain answer cut by maxOutputTokens, with its usage', async () => {
    const response = await client.models.generateContent({ model, contents, config: { maxOutputTokens: 12, systemInstruction: 'Be brief.' } });
    expect(response.text).toMatch(/^Simulated answer about Name the planets/);
    expect(response.candidates?.[0]?.finishReason).toBe(FinishReason.MAX_TOKENS);
    expect(response.usageMetadata).toMatchObject({ promptTokenCount: 9, candidatesTokenCount: 12 });
    expect(response.modelVersion).toBe(model);
  });

  it('streams text chunks over SSE and ends with STOP and the final usage', async () => {
    let streamed = '';
    let last;
    for await (const chunk of await client.models.generateContentStream({ model, contents })) {
      streamed += chunk.text ?? '';
      last = chunk;
    }
    expect(streamed.split(' ')).toHaveLength(90);
    expect(last?.candidates?.[0]?.finishReason).toBe(FinishReason.STOP);
    expect(last?.usageMetadata).toMatchObject({ promptTokenCount: 7, candidatesTokenCount: 90 });
  });

  it('parses function calls, plain and streamed, and JSON output from a Gemini schema', async () => {
    const tools = [
      { functionDeclarations: [{ name: 'get_weather', parameters: { type: Type.OBJECT, properties: { city: { type: Type.STRING } }, required: ['city'] } }] },
    ];
    const response = await client.models.generateContent({ model, contents: 'call get_weather', config: { tools } });
    expect(response.functionCalls).toEqual([{ name: 'get_weather', args: { city: 'Paris' } }]);

    const chunks = [];
    for await (const chunk of await client.models.generateContentStream({
      model,
      contents,
      config: { tools, toolConfig: { functionCallingConfig: { mode: 'ANY' as never } } },
    }))
      chunks.push(chunk);
    expect(chunks.flatMap((chunk) => chunk.functionCalls ?? [])).toEqual([{ name: 'get_weather', args: { city: 'Paris' } }]);

    const json = await client.models.generateContent({
      model,
      contents,
      config: {
        responseMimeType: 'application/json',
        responseSchema: { type: Type.OBJECT, properties: { planets: { type: Type.ARRAY, items: { type: Type.STRING } } } },
      },
    });
    expect(JSON.parse(json.text ?? '')).toEqual({ planets: expect.any(Array) });
  });

  it('embeds a batch of texts', async () => {
    const response = await client.models.embedContent({
      model: 'text-embedding-004',
      contents: ['first text', 'second text'],
      config: { outputDimensionality: 8 },
    });
    expect(response.embeddings).toHaveLength(2);
    expect(response.embeddings?.[0]?.values).toHaveLength(8);
  });

  it('raises ApiError with the status for injected and authentication errors', async () => {
    const limited = await googleClient(API_KEY, { 'x-simulator-status': '429' })
      .models.generateContent({ model, contents })
      .catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(ApiError);
    expect(limited).toMatchObject({ status: 429 });
    expect((limited as ApiError).message).toContain('RESOURCE_EXHAUSTED');

    const unavailable = googleClient(API_KEY, { 'x-simulator-status': '503' }).models.generateContentStream({ model, contents });
    await expect(unavailable).rejects.toMatchObject({ status: 503 });

    const wrongKey = googleClient('AIzaSy-wrong-key').models.generateContent({ model, contents });
    await expect(wrongKey).rejects.toMatchObject({ status: 400, message: expect.stringContaining('API key not valid') });
  });
});
