import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AsyncLineWriter, loggerOptions } from '../src/observability/request-log.js';
import { startTestGateway, type TestGateway } from './support/test-gateway.js';

describe('request logging', () => {
  let gateway: TestGateway;
  const lines: string[] = [];
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    gateway = await startTestGateway('pglite', { logger: loggerOptions('info', stream) });
  });
  afterAll(() => gateway.close());

  it('never logs a key sent in the query string or in a header', async () => {
    const key = gateway.userKey;
    const inQuery = await gateway.request(`/hf/tasks/text-generation?api_key=${key}`, { key: null, body: { inputs: 'hi' } });
    expect(inQuery.status).toBe(401);
    const inHeaders = await gateway.request(`/v1/models?${key}`, { headers: { 'x-api-key': key, cookie: `session=${key}` } });
    expect(inHeaders.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));

    const logged = lines.join('\n');
    expect(logged).toContain('/hf/tasks/text-generation?api_key=[redacted]');
    expect(logged).toContain('/v1/models?[redacted]');
    expect(logged).not.toContain(key);
    expect(logged).not.toContain(key.slice('gw_live_'.length, 20));
  });

  it('writes one access line per request: method, route, redacted URL, status, ms and the Inference-Id', async () => {
    const before = lines.length;
    const response = await gateway.request('/v1/models?limit=5');
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const written = lines.slice(before).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({
      level: 30,
      msg: 'request',
      method: 'GET',
      route: '/v1/models',
      url: '/v1/models?limit=[redacted]',
      status: 200,
      inferenceId: response.headers.get('inference-id'),
    });
    expect(written[0]!.ms).toBeTypeOf('number');
    expect(JSON.stringify(written[0])).not.toContain('headers');
  });
});

describe('AsyncLineWriter', () => {
  it('writes every line, in order, to its file descriptor', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'gatewayz-log-'));
    try {
      const path = join(directory, 'log');
      const writer = new AsyncLineWriter(openSync(path, 'w'));
      for (let index = 0; index < 1000; index += 1) writer.write(`line ${index}\n`);
      await writer.idle();
      writer.write('last\n');
      await writer.idle();
      const written = readFileSync(path, 'utf8').trimEnd().split('\n');
      expect(written).toHaveLength(1001);
      expect(written[0]).toBe('line 0');
      expect(written[999]).toBe('line 999');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
