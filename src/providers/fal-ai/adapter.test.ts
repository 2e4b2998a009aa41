import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bytesReply, jsonRouteFixture, startRouteReplayServer, type RouteReplayServer } from '../../../test/support/providers/route-replay-server.js';
import { drawImage } from '../../simulator/simulated-image.js';
import type { ImageRequest, ProviderAdapter } from '../spec/index.js';
import { callOptions, collect, fixtureIn, rejection } from '../../../test/support/providers/provider-replay.js';
import { createFalAdapter } from './adapter.js';

const API_KEY = '5c2f8e1a-3b4d-4e6f-9a0b-1c2d3e4f5a6b:8f7e6d5c4b3a29180f7e6d5c4b3a2918';
const fixture = fixtureIn(import.meta.url);
const QUEUED = '/fal-ai/flux/requests/764cabcf-b745-4b3e-ae38-1200304cf45b';
const SUBMIT = 'POST /fal-ai/flux/schnell';
const IMAGE = 'GET /files/rabbit/W7nAZ2yTq8vRcwg1mW7Kb_image.jpg';
const png = drawImage('cake', 2, 0, 8, 8);
const request: ImageRequest = { model: 'fal-ai/flux/schnell', prompt: 'a cake', width: 1024, height: 768, count: 1, seed: 7, steps: 4 };

let queue: RouteReplayServer;
let media: RouteReplayServer;
let adapter: ProviderAdapter;
// Recorded URLs point at fal; the queue and its media CDN move onto two local servers.
const recorded = (name: string) =>
  jsonRouteFixture(fixture(name), (text) => text.replaceAll('https://queue.fal.run', queue.origin).replaceAll('https://v3.fal.media', media.origin));

beforeAll(async () => {
  [queue, media] = await Promise.all([startRouteReplayServer(), startRouteReplayServer()]);
  adapter = createFalAdapter({ apiKey: API_KEY, baseUrl: queue.origin, pollIntervalMs: 1, maxPolls: 3 });
});
afterEach(() => {
  queue.reset();
  media.reset();
});
afterAll(async () => {
  await adapter.close?.();
  await Promise.all([queue.close(), media.close()]);
});

describe('fal adapter: happy path', () => {
  it('submits with Key auth, polls the status until COMPLETED, reads the result and downloads the image without the key', async () => {
    queue.on(SUBMIT, recorded('queue-submitted.json'));
    queue.on(`GET ${QUEUED}/status`, recorded('status-in-queue.json'), recorded('status-in-progress.json'), recorded('status-completed.json'));
    queue.on(`GET ${QUEUED}`, recorded('result-images.json'));
    media.on(IMAGE, bytesReply(png, 'image/jpeg'));
    const result = await adapter.generateImage!(request, callOptions());

    // Labelled image/jpeg, but the bytes are a PNG: the bytes win.
    expect(result.images).toEqual([{ data: png, mediaType: 'image/png' }]);
    expect(result.usage).toMatchObject({ images: 1, raw: { seed: 1946752373, timings: { inference: 0.3823 } } });
    expect(queue.requests.map((sent) => `${sent.method} ${sent.path}`)).toEqual([
      SUBMIT,
      `GET ${QUEUED}/status`,
      `GET ${QUEUED}/status`,
      `GET ${QUEUED}/status`,
      `GET ${QUEUED}`,
    ]);
    expect(queue.requests.every((sent) => sent.headers.authorization === `Key ${API_KEY}`)).toBe(true);
    expect(queue.requests[0]?.body).toEqual({ prompt: 'a cake', image_size: { width: 1024, height: 768 }, num_images: 1, seed: 7, num_inference_steps: 4 });
    expect(media.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('makes a one-sided size square and sends diffusion options under fal names', async () => {
    queue.on(SUBMIT, recorded('error-401-no-user.json'));
    await rejection(
      adapter.generateImage!({ model: 'fal-ai/flux/schnell', prompt: 'x', width: 512, guidanceScale: 3.5, negativePrompt: 'blur' }, callOptions()),
    );
    expect(queue.requests[0]?.body).toEqual({ prompt: 'x', image_size: { width: 512, height: 512 }, guidance_scale: 3.5, negative_prompt: 'blur' });
  });
});

describe('fal adapter: error path', () => {
  it("classifies 401 and 403 as non-retryable with fal's detail message", async () => {
    queue.on(SUBMIT, recorded('error-401-no-user.json'));
    expect(await rejection(adapter.generateImage!(request, callOptions()))).toMatchObject({
      status: 401,
      isRetryable: false,
      upstreamMessage: 'No user found for Key ID and Secret',
    });
    queue.on(SUBMIT, recorded('error-403-locked-balance.json'));
    expect(await rejection(adapter.generateImage!(request, callOptions()))).toMatchObject({
      status: 403,
      isRetryable: false,
      upstreamMessage: expect.stringContaining('Exhausted balance'),
    });
  });

  it('reports a request that completed with a validation error, read from the result URL', async () => {
    queue.on(SUBMIT, recorded('queue-submitted.json'));
    queue.on(`GET ${QUEUED}/status`, recorded('status-completed.json'));
    queue.on(`GET ${QUEUED}`, recorded('error-422-validation.json'));
    const error = await rejection(adapter.generateImage!(request, callOptions()));
    expect(error).toMatchObject({ status: 422, isRetryable: false, upstreamMessage: 'body.num_images: ensure this value is less than or equal to 4' });
  });

  it('gives up after maxPolls as a retryable timeout', async () => {
    queue.on(SUBMIT, recorded('queue-submitted.json'));
    queue.on(`GET ${QUEUED}/status`, recorded('status-in-progress.json'));
    expect(await rejection(adapter.generateImage!(request, callOptions()))).toMatchObject({ kind: 'timeout', isRetryable: true });
    expect(queue.requests).toHaveLength(4);
  });

  it('stops polling at once when the caller aborts', async () => {
    const slow = createFalAdapter({ apiKey: API_KEY, baseUrl: queue.origin, pollIntervalMs: 60_000 });
    queue.on(SUBMIT, recorded('queue-submitted.json'));
    queue.on(`GET ${QUEUED}/status`, recorded('status-in-queue.json'));
    const controller = new AbortController();
    const pending = slow.generateImage!(request, { signal: controller.signal, requestId: 'r' });
    await expect.poll(() => queue.requests.length).toBe(2);
    controller.abort();
    expect(await rejection(pending)).toMatchObject({ kind: 'aborted' });
    await slow.close?.();
  });

  it('refuses chat as non-retryable: fal is routed for images only', async () => {
    const chat = { model: 'any', messages: [{ role: 'user' as const, content: 'hi' }] };
    expect(await rejection(adapter.chat(chat, callOptions()))).toMatchObject({ isRetryable: false });
    expect(await rejection(collect(adapter.streamChat(chat, callOptions())))).toMatchObject({ isRetryable: false });
  });
});

describe('fal adapter: security', () => {
  it('never sends the key to a status URL on another origin', async () => {
    const submitted = recorded('queue-submitted.json');
    queue.on(SUBMIT, { ...submitted, body: String(submitted.body).replaceAll(queue.origin, media.origin) });
    expect(await rejection(adapter.generateImage!(request, callOptions()))).toMatchObject({ kind: 'protocol' });
    expect(media.requests).toHaveLength(0);
  });

  it('keeps an echoed key, which no key pattern recognizes, out of errors', async () => {
    queue.on(SUBMIT, { status: 401, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ detail: `Invalid key ${API_KEY}` }) });
    const error = await rejection(adapter.generateImage!(request, callOptions()));
    for (const text of [error.message, error.upstreamMessage, JSON.stringify(error)]) expect(text).not.toContain(API_KEY);
  });
});
