import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bytesReply, jsonRouteFixture, startRouteReplayServer, type RouteReplayServer } from '../../../test/support/providers/route-replay-server.js';
import { drawImage } from '../../simulator/simulated-image.js';
import type { ProviderAdapter } from '../spec/index.js';
import { callOptions, chatRequest, collect, fixtureIn, rejection, streamedText } from '../../../test/support/providers/provider-replay.js';
import { createHfInferenceAdapter } from './adapter.js';

const API_KEY = 'hf_XqvNkLpRzTwYbHcJdFmGsAeUoIiKeLmNnPpQr';
const fixture = fixtureIn(import.meta.url);
const CHAT = 'POST /hf-inference/models/meta-llama/Llama-3.1-8B-Instruct/v1/chat/completions';
const EMBED = 'POST /hf-inference/models/BAAI/bge-base-en-v1.5/pipeline/feature-extraction';
const IMAGE = 'POST /hf-inference/models/black-forest-labs/FLUX.1-schnell';
const chat = chatRequest('meta-llama/Llama-3.1-8B-Instruct');

let server: RouteReplayServer;
let adapter: ProviderAdapter;

beforeAll(async () => {
  server = await startRouteReplayServer();
  // The router's `/hf-inference` prefix is kept, so recorded paths show the real route.
  adapter = createHfInferenceAdapter({ apiKey: API_KEY, baseUrl: `${server.origin}/hf-inference` });
});
afterEach(() => server.reset());
afterAll(async () => {
  await adapter.close?.();
  await server.close();
});

describe('hf-inference adapter: happy path', () => {
  it("chats through the model's TGI Messages API with a Bearer key", async () => {
    server.on(CHAT, jsonRouteFixture(fixture('chat-completion.json')));
    const result = await adapter.chat(chat, callOptions());

    expect(result).toMatchObject({ text: 'The capital of France is Paris.', finishReason: 'stop', usage: { inputTokens: 47, outputTokens: 8 } });
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(server.requests[0]?.body).toMatchObject({ model: 'meta-llama/Llama-3.1-8B-Instruct', max_tokens: 64, messages: chat.messages });
  });

  it('streams TGI chat chunks, asking for usage, and ends with the usage chunk and finish', async () => {
    const body = readFileSync(fixture('chat-completion-stream.sse.txt'), 'utf8');
    server.on(CHAT, { status: 200, headers: { 'content-type': 'text/event-stream' }, body });
    const events = await collect(adapter.streamChat(chat, callOptions()));

    expect(streamedText(events)).toBe('The capital of France is Paris.');
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: expect.objectContaining({ inputTokens: 47, outputTokens: 8 }) },
      { type: 'finish', finishReason: 'stop' },
    ]);
    expect(server.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('embeds through feature-extraction, reading one nested vector per input', async () => {
    server.on(EMBED, jsonRouteFixture(fixture('feature-extraction.json')));
    const result = await adapter.embed!({ model: 'BAAI/bge-base-en-v1.5', inputs: ['first', 'second'], dimensions: 8 }, callOptions());

    expect(result.embeddings).toHaveLength(2);
    expect(result.embeddings[1]?.slice(0, 2)).toEqual([0.0148, -0.0389]);
    expect(server.requests[0]?.body).toEqual({ inputs: ['first', 'second'], dimensions: 8 });
  });

  it('reads text-to-image raw bytes, one call per image with consecutive seeds', async () => {
    const png = drawImage('lighthouse', 3, 0, 8, 8);
    server.on(IMAGE, bytesReply(png, 'image/png'));
    const result = await adapter.generateImage!(
      { model: 'black-forest-labs/FLUX.1-schnell', prompt: 'a lighthouse', width: 512, height: 512, steps: 4, seed: 10, count: 2 },
      callOptions(),
    );

    expect(result.images).toEqual([
      { data: png, mediaType: 'image/png' },
      { data: png, mediaType: 'image/png' },
    ]);
    expect(result.usage.images).toBe(2);
    const seeds = server.requests.map((sent) => (sent.body as { parameters: { seed: number } }).parameters.seed).sort();
    expect(seeds).toEqual([10, 11]);
    expect(server.requests[0]?.body).toMatchObject({ inputs: 'a lighthouse', parameters: { width: 512, height: 512, num_inference_steps: 4 } });
  });
});

describe('hf-inference adapter: error path', () => {
  it('reports a loading model (503) as retryable and TGI validation (422) as not', async () => {
    server.on(EMBED, jsonRouteFixture(fixture('error-503-model-loading.json')));
    expect(await rejection(adapter.embed!({ model: 'BAAI/bge-base-en-v1.5', inputs: ['x'] }, callOptions()))).toMatchObject({
      status: 503,
      isRetryable: true,
      upstreamMessage: 'Model BAAI/bge-base-en-v1.5 is currently loading',
    });
    server.on(CHAT, jsonRouteFixture(fixture('error-422-validation.json')));
    const error = await rejection(collect(adapter.streamChat(chat, callOptions())));
    expect(error).toMatchObject({ status: 422, isRetryable: false, upstreamMessage: expect.stringContaining('Input validation error') });
  });

  it('refuses per-token features and a wrong vector count as protocol errors', async () => {
    server.on(EMBED, { status: 200, headers: { 'content-type': 'application/json' }, body: '[[[0.1,0.2],[0.3,0.4]]]' });
    expect(await rejection(adapter.embed!({ model: 'BAAI/bge-base-en-v1.5', inputs: ['x'] }, callOptions()))).toMatchObject({ kind: 'protocol' });
    server.on(EMBED, jsonRouteFixture(fixture('feature-extraction.json')));
    expect(await rejection(adapter.embed!({ model: 'BAAI/bge-base-en-v1.5', inputs: ['x', 'y', 'z'] }, callOptions()))).toMatchObject({ kind: 'protocol' });
  });

  it('refuses a text-to-image answer that is not an image', async () => {
    server.on(IMAGE, { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>oops</html>' });
    expect(await rejection(adapter.generateImage!({ model: 'black-forest-labs/FLUX.1-schnell', prompt: 'x' }, callOptions()))).toMatchObject({
      kind: 'protocol',
    });
  });
});

describe('hf-inference adapter: security', () => {
  it('classifies a bad key as 401 and keeps an echoed hf_ token out of errors', async () => {
    server.on(CHAT, jsonRouteFixture(fixture('error-401-invalid-credentials.json')));
    expect(await rejection(adapter.chat(chat, callOptions()))).toMatchObject({ status: 401, isRetryable: false });
    server.on(CHAT, { status: 401, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: `Invalid token ${API_KEY}` }) });
    const error = await rejection(adapter.chat(chat, callOptions()));
    for (const text of [error.message, error.upstreamMessage, JSON.stringify(error)]) expect(text).not.toContain(API_KEY.slice(3));
  });
});
