import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPng } from '../../test/support/providers/read-png.js';
import { createSimulatorServer, type SimulatorServer } from './server.js';

let simulator: SimulatorServer;

/** Wire bodies are checked field by field, so they are read untyped. */
const json = async (response: Response | Promise<Response>): Promise<any> => (await response).json();

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${simulator.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

const cosine = (a: number[], b: number[]) => a.reduce((sum, value, index) => sum + value * (b[index] as number), 0);
const norm = (vector: number[]) => Math.sqrt(cosine(vector, vector));

beforeAll(async () => {
  simulator = await createSimulatorServer({ apiKey: 'sk-simulator-test-key' });
});
afterAll(async () => {
  await simulator.close();
});
const auth = { authorization: 'Bearer sk-simulator-test-key' };

describe('simulator: POST /v1/embeddings', () => {
  it('answers unit vectors of 384 dimensions, one per input in order, with usage in words', async () => {
    const input = ['The cat sat on the mat', 'A cat sat on a mat', 'Quarterly revenue grew by four percent'];
    const body = await json(post('/embeddings', { model: 'sim-embed', input }, auth));

    expect(body).toMatchObject({ object: 'list', model: 'sim-embed', usage: { prompt_tokens: 18, total_tokens: 18 } });
    expect(body.data.map((item: any) => [item.object, item.index])).toEqual([
      ['embedding', 0],
      ['embedding', 1],
      ['embedding', 2],
    ]);
    const [cat, otherCat, revenue] = body.data.map((item: any) => item.embedding as number[]);
    expect(cat).toHaveLength(384);
    for (const vector of [cat, otherCat, revenue]) expect(norm(vector!)).toBeCloseTo(1, 5);
    // Similar sentences land closer together than unrelated ones.
    expect(cosine(cat!, otherCat!)).toBeGreaterThan(0.5);
    expect(cosine(cat!, otherCat!)).toBeGreaterThan(cosine(cat!, revenue!) + 0.3);
  });

  it('is deterministic and honours dimensions', async () => {
    const first = await json(post('/embeddings', { model: 'm', input: 'same text', dimensions: 16 }, auth));
    const second = await json(post('/embeddings', { model: 'm', input: ['same text'], dimensions: 16 }, auth));
    expect(first.data[0].embedding).toHaveLength(16);
    expect(first.data[0].embedding).toEqual(second.data[0].embedding);
  });

  it('encodes base64 as little-endian float32 bytes of the same vector', async () => {
    const float = await json(post('/embeddings', { model: 'm', input: 'base64 please' }, auth));
    const encoded = await json(post('/embeddings', { model: 'm', input: 'base64 please', encoding_format: 'base64' }, auth));
    const bytes = Buffer.from(encoded.data[0].embedding as string, 'base64');
    expect(bytes).toHaveLength(384 * 4);
    const decoded = Array.from({ length: 384 }, (_, index) => bytes.readFloatLE(index * 4));
    expect(decoded).toEqual(float.data[0].embedding);
  });

  it('rejects a missing or empty input and bad options with OpenAI-shaped 400s', async () => {
    const missing = await post('/embeddings', { model: 'm' }, auth);
    expect(missing.status).toBe(400);
    expect((await json(missing)).error).toMatchObject({ param: 'input', code: 'missing_required_parameter' });
    for (const body of [{ input: '' }, { input: [] }, { input: 'x', dimensions: 0 }, { input: 'x', encoding_format: 'int8' }]) {
      const response = await post('/embeddings', { model: 'm', ...body }, auth);
      expect(response.status).toBe(400);
      expect((await json(response)).error.type).toBe('invalid_request_error');
    }
  });

  it('applies the fault headers and the key check', async () => {
    expect((await post('/embeddings', { model: 'm', input: 'x' })).status).toBe(401);
    const limited = await post('/embeddings', { model: 'm', input: 'x' }, { ...auth, 'x-simulator-status': '429', 'x-simulator-retry-after': '3' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    const malformed = await post('/embeddings', { model: 'm', input: 'x' }, { ...auth, 'x-simulator-fail': 'malformed-json' });
    await expect(malformed.json()).rejects.toThrow();
  });
});

describe('simulator: POST /v1/images/generations', () => {
  it('answers real PNGs of 64x64 by default, as b64_json, with usage', async () => {
    const body = await json(post('/images/generations', { model: 'sim-image', prompt: 'a red fox in snow', n: 2 }, auth));
    expect(body.data).toHaveLength(2);
    expect(body.usage).toMatchObject({ input_tokens: 5, output_tokens: 0 });
    const [first, second] = body.data.map((item: any) => readPng(Buffer.from(item.b64_json as string, 'base64')));
    expect(first).toMatchObject({ width: 64, height: 64, chunks: ['IHDR', 'IDAT', 'IEND'] });
    // Two images of one batch differ; the same request draws the same pixels again.
    expect(first!.rgb.equals(second!.rgb)).toBe(false);
    const again = await json(post('/images/generations', { model: 'sim-image', prompt: 'a red fox in snow' }, auth));
    expect(Buffer.from(again.data[0].b64_json as string, 'base64')).toEqual(Buffer.from(body.data[0].b64_json as string, 'base64'));
  });

  it('draws the requested size, and other pixels for another seed', async () => {
    const body = await json(post('/images/generations', { model: 'm', prompt: 'a lighthouse', size: '40x24', seed: 1 }, auth));
    const other = await json(post('/images/generations', { model: 'm', prompt: 'a lighthouse', size: '40x24', seed: 2 }, auth));
    const image = readPng(Buffer.from(body.data[0].b64_json as string, 'base64'));
    expect([image.width, image.height]).toEqual([40, 24]);
    expect(image.rgb.equals(readPng(Buffer.from(other.data[0].b64_json as string, 'base64')).rgb)).toBe(false);
  });

  it('serves url images back at /v1/files/images/<id>.png without the key', async () => {
    const body = await json(post('/images/generations', { model: 'm', prompt: 'a teapot', response_format: 'url' }, auth));
    const url = body.data[0].url as string;
    expect(url).toMatch(new RegExp(`^${simulator.url}/files/images/[0-9a-f]{24}\\.png$`));
    const image = await fetch(url);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(readPng(Buffer.from(await image.arrayBuffer()))).toMatchObject({ width: 64, height: 64 });
    expect((await fetch(`${simulator.url}/files/images/${'0'.repeat(24)}.png`)).status).toBe(404);
    expect((await fetch(url, { headers: { 'x-simulator-status': '500' } })).status).toBe(500);
  });

  it('rejects a missing prompt, oversized images and unknown formats', async () => {
    for (const body of [
      {},
      { prompt: 'x', size: '2048x2048' },
      { prompt: 'x', size: 'big' },
      { prompt: 'x', n: 11 },
      { prompt: 'x', response_format: 'base64' },
    ]) {
      const response = await post('/images/generations', { model: 'm', ...body }, auth);
      expect(response.status).toBe(400);
      expect((await json(response)).error.type).toBe('invalid_request_error');
    }
  });
});
