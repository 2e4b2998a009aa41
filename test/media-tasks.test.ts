import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPng } from './support/providers/read-png.js';
import { databaseKinds } from './support/databases.js';
import { startTestGateway, type TestGateway } from './support/test-gateway.js';

/** Embeddings and images reach providers with a native API (here the simulator's). */
describe.each(databaseKinds())('embedding and image-generation on %s', (kind) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway(kind);
  });
  afterAll(() => gateway.close());

  const row = (id: string) => gateway.database.db.selectFrom('usage').selectAll().where('request_id', '=', id).executeTakeFirstOrThrow();

  it('embeds a string as one vector and a list as one vector per input, billed per token', async () => {
    const single = await gateway.request('/hf/tasks/embedding', { body: { inputs: 'hello world' } });
    const vector = ((await single.json()) as { output: number[] }).output;
    expect(vector).toHaveLength(384);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    expect(await row(single.headers.get('inference-id')!)).toMatchObject({
      task: 'embedding',
      model: 'text-embedding-3-small',
      input_tokens: 2,
      cost_nano_usd: 40n,
    });

    const many = await gateway.request('/hf/tasks/embedding', { body: { inputs: ['a cat', 'a dog', 'stock prices'], parameters: { dimensions: 64 } } });
    const vectors = ((await many.json()) as { output: number[][] }).output;
    expect(vectors.map((entry) => entry.length)).toEqual([64, 64, 64]);
  });

  it('generates a PNG: base64 in JSON by default, raw bytes for Accept: image/png, billed per image', async () => {
    const asJson = await gateway.request('/hf/tasks/image-generation', { body: { inputs: 'a red cat', parameters: { width: 96, height: 64 } } });
    const { output } = (await asJson.json()) as { output: { image: string; content_type: string } };
    expect(output.content_type).toBe('image/png');
    expect(readPng(Buffer.from(output.image, 'base64'))).toMatchObject({ width: 96, height: 64 });
    expect(await row(asJson.headers.get('inference-id')!)).toMatchObject({
      task: 'image-generation',
      model: 'flux.1-schnell',
      images: 1,
      cost_nano_usd: 3_000_000n,
    });

    const raw = await gateway.request('/hf/tasks/image-generation', { body: { inputs: 'a red cat' }, headers: { accept: 'image/png' } });
    expect(raw.headers.get('content-type')).toBe('image/png');
    expect(readPng(Buffer.from(await raw.arrayBuffer())).width).toBeGreaterThan(0);
  });

  it('HF-native: feature-extraction answers a list of vectors, text-to-image raw PNG bytes', async () => {
    const features = await gateway.request('/models/BAAI/bge-base-en-v1.5', { body: { inputs: 'hello', normalize: true, truncate: true } });
    const matrix = (await features.json()) as number[][];
    expect(matrix).toHaveLength(1);
    expect(matrix[0]).toHaveLength(384);
    const image = await gateway.request('/models/black-forest-labs/FLUX.1-schnell', {
      body: { inputs: 'a cat', parameters: { height: 64, width: 64 } },
      headers: { accept: 'image/png' },
    });
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(readPng(Buffer.from(await image.arrayBuffer()))).toMatchObject({ width: 64, height: 64 });
  });

  it('refuses a chat model for images and an image model for embeddings', async () => {
    expect((await gateway.request('/hf/tasks/image-generation', { body: { inputs: 'x', model: 'gpt-4o' } })).status).toBe(400);
    expect((await gateway.request('/hf/tasks/embedding', { body: { inputs: 'x', model: 'flux.1-schnell' } })).status).toBe(400);
  });
});
