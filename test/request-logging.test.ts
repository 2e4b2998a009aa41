import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerOptions } from '../src/observability/request-log.js';
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
    gateway = await startTestGateway('pglite', { logger: { ...loggerOptions('info'), stream } });
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
});
