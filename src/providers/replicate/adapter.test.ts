import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { drawImage } from '../../simulator/simulated-image.js';
import type { ImageRequest, ProviderAdapter } from '../spec/index.js';
import { callOptions, collect, fixtureIn, rejection } from '../../../test/support/providers/provider-replay.js';
import { createReplicateAdapter } from './adapter.js';
import { bytesReply, jsonRouteFixture, startRouteReplayServer, type RouteReplayServer } from '../../../test/support/providers/route-replay-server.js';

const API_KEY = 'r8_Xq7vN2kLp9RzT4wYb6Hc1Jd8Fm3Gs5Ae0Uo2';
const fixture = fixtureIn(import.meta.url);
const PREDICTION = '/v1/predictions/gm3qorzdhgbfurvjtvhg6dckhu';
const CREATE = 'POST /v1/models/black-forest-labs/flux-schnell/predictions';
const IMAGE = 'GET /yhqm/hcDDSNf633zeDUz9sWkKfaftcfJLWIvuhn9vfCFWmufxelmemA/out-0.webp';
const png = drawImage('cake', 1, 0, 8, 8);
const request: ImageRequest = { model: 'black-forest-labs/flux-schnell', prompt: 'a cake', width: 1024, height: 768, count: 1, seed: 7, steps: 4 };

let api: RouteReplayServer;
let delivery: RouteReplayServer;
let adapter: ProviderAdapter;
// Recorded URLs point at Replicate; the API and its file CDN move onto two local servers.
const recorded = (name: string) =>
  jsonRouteFixture(fixture(name), (text) => text.replaceAll('https://api.replicate.com', api.origin).replaceAll('https://replicate.delivery', delivery.origin));

beforeAll(async () => {
  [api, delivery] = await Promise.all([startRouteReplayServer(), startRouteReplayServer()]);
  adapter = createReplicateAdapter({ apiKey: API_KEY, baseUrl: api.origin, pollIntervalMs: 1, maxPolls: 3 });
});
afterEach(() => {
  api.reset();
  delivery.reset();
});
afterAll(async () => {
  await adapter.close?.();
  await Promise.all([api.close(), delivery.close()]);
});

describe('Replicate adapter: happy path', () => {
  it('creates a prediction with Prefer: wait and downloads its output, without the key, typed by its bytes', async () => {
    api.on(CREATE, recorded('prediction-succeeded.json'));
    delivery.on(IMAGE, bytesReply(png, 'image/webp'));
    const result = await adapter.generateImage!(request, callOptions());

    expect(result.images).toEqual([{ data: png, mediaType: 'image/png' }]);
    expect(result.usage).toMatchObject({ images: 1, inputTokens: 0, raw: { predict_time: 0.641185 } });
    const [sent] = api.requests;
    expect(sent?.headers).toMatchObject({ authorization: `Bearer ${API_KEY}`, prefer: 'wait', 'content-type': 'application/json' });
    expect(sent?.body).toEqual({ input: { prompt: 'a cake', width: 1024, height: 768, num_outputs: 1, seed: 7, num_inference_steps: 4 } });
    expect(delivery.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('polls urls.get until an unfinished prediction succeeds', async () => {
    api.on(CREATE, recorded('prediction-starting.json'));
    api.on(`GET ${PREDICTION}`, recorded('prediction-processing.json'), recorded('prediction-succeeded.json'));
    delivery.on(IMAGE, bytesReply(png, 'image/webp'));
    const result = await adapter.generateImage!(request, callOptions());

    expect(result.images).toHaveLength(1);
    expect(api.requests.map((sent) => `${sent.method} ${sent.path}`)).toEqual([CREATE, `GET ${PREDICTION}`, `GET ${PREDICTION}`]);
    expect(api.requests[1]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('sends a pinned owner/name:version to /v1/predictions', async () => {
    api.on('POST /v1/predictions', recorded('prediction-succeeded.json'));
    delivery.on(IMAGE, bytesReply(png, 'image/webp'));
    await adapter.generateImage!({ model: 'stability-ai/sdxl:39ed52f2a78e934b3ba6e2a89f5b1c712de7dfea535525255b1aa35c5565e08b', prompt: 'x' }, callOptions());
    expect(api.requests[0]?.body).toEqual({ version: '39ed52f2a78e934b3ba6e2a89f5b1c712de7dfea535525255b1aa35c5565e08b', input: { prompt: 'x' } });
  });
});

describe('Replicate adapter: error path', () => {
  it('reports a failed prediction as non-retryable, with the model error', async () => {
    api.on(CREATE, recorded('prediction-starting.json'));
    api.on(`GET ${PREDICTION}`, recorded('prediction-failed.json'));
    const error = await rejection(adapter.generateImage!(request, callOptions()));
    expect(error).toMatchObject({ provider: 'replicate', status: 502, isRetryable: false, upstreamMessage: expect.stringContaining('NSFW content detected') });
  });

  it('classifies 401, 422 and throttled 429 from their problem+json bodies', async () => {
    api.on(CREATE, recorded('error-401-unauthenticated.json'));
    expect(await rejection(adapter.generateImage!(request, callOptions()))).toMatchObject({
      status: 401,
      isRetryable: false,
      upstreamMessage: 'You did not pass a valid authentication token',
    });
    api.on(CREATE, recorded('error-422-invalid-input.json'));
    expect(await rejection(adapter.generateImage!(request, callOptions()))).toMatchObject({
      status: 422,
      isRetryable: false,
      upstreamMessage: expect.stringContaining('num_outputs'),
    });
    api.on(CREATE, recorded('error-429-throttled.json'));
    expect(await rejection(adapter.generateImage!(request, callOptions()))).toMatchObject({ status: 429, isRetryable: true, retryAfterMs: 6_000 });
  });

  it('gives up after maxPolls as a retryable timeout and cancels the prediction', async () => {
    api.on(CREATE, recorded('prediction-starting.json'));
    api.on(`GET ${PREDICTION}`, recorded('prediction-processing.json'));
    api.on(`POST ${PREDICTION}/cancel`, recorded('prediction-processing.json'));
    const error = await rejection(adapter.generateImage!(request, callOptions()));
    expect(error).toMatchObject({ kind: 'timeout', isRetryable: true });
    await expect.poll(() => api.requests.some((sent) => sent.path === `${PREDICTION}/cancel`)).toBe(true);
    expect(api.requests.filter((sent) => sent.method === 'GET')).toHaveLength(3);
  });

  it('stops polling at once when the caller aborts, and cancels the prediction', async () => {
    const slow = createReplicateAdapter({ apiKey: API_KEY, baseUrl: api.origin, pollIntervalMs: 60_000 });
    api.on(CREATE, recorded('prediction-starting.json'));
    api.on(`POST ${PREDICTION}/cancel`, recorded('prediction-processing.json'));
    const controller = new AbortController();
    const pending = slow.generateImage!(request, { signal: controller.signal, requestId: 'r' });
    await expect.poll(() => api.requests.length).toBe(1);
    controller.abort();
    expect(await rejection(pending)).toMatchObject({ kind: 'aborted' });
    await expect.poll(() => api.requests.some((sent) => sent.path === `${PREDICTION}/cancel`)).toBe(true);
    await slow.close?.();
  });

  it('refuses chat as non-retryable: Replicate is routed for images only', async () => {
    const chat = { model: 'meta/llama', messages: [{ role: 'user' as const, content: 'hi' }] };
    expect(await rejection(adapter.chat(chat, callOptions()))).toMatchObject({ isRetryable: false, message: expect.stringContaining('image generation only') });
    expect(await rejection(collect(adapter.streamChat(chat, callOptions())))).toMatchObject({ isRetryable: false });
    expect(api.requests).toHaveLength(0);
  });
});

describe('Replicate adapter: security', () => {
  it('never sends the key to a poll URL on another origin', async () => {
    const starting = recorded('prediction-starting.json');
    api.on(CREATE, { ...starting, body: String(starting.body).replaceAll(api.origin, delivery.origin) });
    const error = await rejection(adapter.generateImage!(request, callOptions()));
    expect(error).toMatchObject({ kind: 'protocol', message: expect.stringContaining('outside its own origin') });
    expect(delivery.requests).toHaveLength(0);
  });

  it('keeps an echoed key out of errors', async () => {
    api.on(CREATE, { status: 401, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ detail: `bad token ${API_KEY}`, status: 401 }) });
    const error = await rejection(adapter.generateImage!(request, callOptions()));
    for (const text of [error.message, error.upstreamMessage, JSON.stringify(error)]) expect(text).not.toContain(API_KEY.slice(4));
  });
});
