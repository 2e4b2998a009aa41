import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroqAdapter } from '../groq/adapter.js';
import { createSimulatorAdapter } from '../../simulator/adapter.js';
import { createSimulatorServer, type SimulatorServer } from '../../simulator/server.js';
import type { ProviderAdapter } from '../spec/index.js';
import { callOptions, rejection } from '../../../test/support/providers/provider-replay.js';
import { readPng } from '../../../test/support/providers/read-png.js';
import { startReplayServer, type ReplayServer } from '../../../test/support/providers/replay-server.js';
import { createOpenAICompatibleAdapter } from './create-openai-compatible-adapter.js';
import { toOpenAIImageBody } from './openai-images.js';

const API_KEY = 'sk-simulator-adapter-key';
let simulator: SimulatorServer;
let replay: ReplayServer;
const adapters: ProviderAdapter[] = [];

function track<T extends ProviderAdapter>(adapter: T): T {
  adapters.push(adapter);
  return adapter;
}
const simulatorAdapter = (headers?: Record<string, string>) =>
  track(createSimulatorAdapter({ baseUrl: simulator.url, apiKey: API_KEY, ...(headers ? { headers } : {}) }));
const dot = (a: number[], b: number[]) => a.reduce((sum, value, index) => sum + value * (b[index] as number), 0);

beforeAll(async () => {
  simulator = await createSimulatorServer({ apiKey: API_KEY });
  replay = await startReplayServer();
});
afterAll(async () => {
  await Promise.all(adapters.map((adapter) => adapter.close?.()));
  await simulator.close();
  await replay.close();
});

describe('OpenAI-compatible adapter: capabilities', () => {
  it('has embed and generateImage only where the provider declares the APIs', () => {
    const plain = track(createOpenAICompatibleAdapter({ id: 'plain', baseUrl: simulator.url }));
    expect(plain.embed).toBeUndefined();
    expect(plain.generateImage).toBeUndefined();
    expect(track(createGroqAdapter({ apiKey: 'gsk_unused_key_000000' })).embed).toBeUndefined();
    const simulatorOnes = simulatorAdapter();
    expect(typeof simulatorOnes.embed).toBe('function');
    expect(typeof simulatorOnes.generateImage).toBe('function');
  });
});

describe('OpenAI-compatible adapter: embeddings against the simulator', () => {
  it('returns one unit vector per input, in order, with the input tokens', async () => {
    const inputs = ['How do I reset my password?', 'How can I reset a forgotten password?', 'Best pizza dough hydration'];
    const result = await simulatorAdapter().embed!({ model: 'simulator-embed', inputs }, callOptions());

    expect(result.embeddings.map((vector) => vector.length)).toEqual([384, 384, 384]);
    for (const vector of result.embeddings) expect(Math.sqrt(dot(vector, vector))).toBeCloseTo(1, 5);
    const [question, paraphrase, pizza] = result.embeddings as [number[], number[], number[]];
    expect(dot(question, paraphrase)).toBeGreaterThan(dot(question, pizza));
    expect(result.usage).toMatchObject({ inputTokens: 17, outputTokens: 0, images: 0 });
  });

  it('asks for the requested dimensions', async () => {
    const result = await simulatorAdapter().embed!({ model: 'simulator-embed', inputs: ['short'], dimensions: 32 }, callOptions());
    expect(result.embeddings[0]).toHaveLength(32);
  });

  it('classifies failures as for chat: 429 retryable, 400 not, a broken body as protocol', async () => {
    const limited = await rejection(
      simulatorAdapter({ 'x-simulator-status': '429', 'x-simulator-retry-after': '2' }).embed!({ model: 'm', inputs: ['x'] }, callOptions()),
    );
    expect(limited).toMatchObject({ provider: 'simulator', kind: 'http', status: 429, isRetryable: true, retryAfterMs: 2000 });

    const empty = await rejection(simulatorAdapter().embed!({ model: 'm', inputs: [''] }, callOptions()));
    expect(empty).toMatchObject({ kind: 'http', status: 400, isRetryable: false, upstreamMessage: "'input' cannot contain an empty string." });

    const broken = await rejection(simulatorAdapter({ 'x-simulator-fail': 'malformed-json' }).embed!({ model: 'm', inputs: ['x'] }, callOptions()));
    expect(broken).toMatchObject({ kind: 'protocol', isRetryable: false });
  });

  it('rejects an answer with fewer vectors than inputs', async () => {
    replay.reply({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data: [{ index: 0, embedding: [1, 0] }] }) });
    const adapter = track(createOpenAICompatibleAdapter({ id: 'short', baseUrl: `${replay.origin}/v1`, capabilities: { embeddings: true } }));
    expect(await rejection(adapter.embed!({ model: 'm', inputs: ['a', 'b'] }, callOptions()))).toMatchObject({ kind: 'protocol' });
  });
});

describe('OpenAI-compatible adapter: images against the simulator', () => {
  it('returns PNG bytes of the requested size and count, billed per image', async () => {
    const result = await simulatorAdapter().generateImage!(
      { model: 'simulator-image', prompt: 'a paper boat', width: 48, height: 32, count: 2 },
      callOptions(),
    );

    expect(result.images).toHaveLength(2);
    for (const image of result.images) {
      expect(image.mediaType).toBe('image/png');
      expect(readPng(image.data)).toMatchObject({ width: 48, height: 32 });
    }
    expect(result.usage).toMatchObject({ images: 2, inputTokens: 3 });
  });

  it('downloads the image when the upstream answers a URL on its own origin', async () => {
    const linking = track(
      createOpenAICompatibleAdapter({
        id: 'linking',
        baseUrl: simulator.url,
        apiKey: API_KEY,
        capabilities: { images: true },
        toImageBody: (request) => ({ ...toOpenAIImageBody(request), response_format: 'url' }),
      }),
    );
    const request = { model: 'simulator-image', prompt: 'a paper boat', seed: 5 };
    const linked = await linking.generateImage!(request, callOptions());
    const inline = await simulatorAdapter().generateImage!(request, callOptions());
    expect(linked.images[0]?.data).toEqual(inline.images[0]?.data);
    expect(linked.images[0]?.mediaType).toBe('image/png');
  });

  it('downloads a URL on another origin without sending the provider key there', async () => {
    const png = (await simulatorAdapter().generateImage!({ model: 'm', prompt: 'a kite' }, callOptions())).images[0]!.data;
    const seen: IncomingHttpHeaders[] = [];
    const bucket = createServer((request, response) => {
      seen.push(request.headers);
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(png);
    });
    await new Promise<void>((resolve) => bucket.listen(0, '127.0.0.1', resolve));
    const bucketUrl = `http://127.0.0.1:${(bucket.address() as AddressInfo).port}/signed/kite.png?sig=abc`;
    replay.reply({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ created: 1, data: [{ url: bucketUrl }] }) });
    const adapter = track(
      createOpenAICompatibleAdapter({ id: 'remote', baseUrl: `${replay.origin}/v1`, apiKey: 'sk-remote-provider-key', capabilities: { images: true } }),
    );

    const result = await adapter.generateImage!({ model: 'm', prompt: 'a kite' }, callOptions());
    bucket.close();
    expect(result.images[0]?.data).toEqual(png);
    expect(seen).toHaveLength(1);
    expect(seen[0]).not.toHaveProperty('authorization');
  });

  it('rejects image bytes in no known format, and an answer without images', async () => {
    const adapter = track(createOpenAICompatibleAdapter({ id: 'odd', baseUrl: `${replay.origin}/v1`, capabilities: { images: true } }));
    replay.reply({ status: 200, headers: {}, body: JSON.stringify({ data: [{ b64_json: Buffer.from('GIF89a not allowed').toString('base64') }] }) });
    expect(await rejection(adapter.generateImage!({ model: 'm', prompt: 'p' }, callOptions()))).toMatchObject({ kind: 'protocol' });
    replay.reply({ status: 200, headers: {}, body: JSON.stringify({ data: [] }) });
    expect(await rejection(adapter.generateImage!({ model: 'm', prompt: 'p' }, callOptions()))).toMatchObject({ kind: 'protocol' });
  });

  it('stops waiting when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = simulatorAdapter({ 'x-simulator-latency-ms': '2000' }).generateImage!(
      { model: 'm', prompt: 'slow' },
      { signal: controller.signal, requestId: 'r' },
    );
    setTimeout(() => controller.abort(), 20);
    expect(await rejection(pending)).toMatchObject({ kind: 'aborted' });
  });
});
