import { afterAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { createTcpProxy, throughProxy } from './support/tcp-proxy.js';
import { startTestGateway, type TestGateway } from './support/test-gateway.js';

const redis = process.env.REDIS_URL;
if (process.env.CI === 'true' && !redis) throw new Error('CI must run the Redis readiness test: set REDIS_URL (scripts/services.sh).');

describe.each(databaseKinds())('/health/ready on %s', (kind) => {
  let gateway: TestGateway | undefined;
  afterAll(async () => gateway?.close());

  it('answers 200 with the database checked, without a key; /health keeps its shape', async () => {
    gateway = await startTestGateway(kind);
    const response = await gateway.request('/health/ready', { key: null });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { database: 'ok' } });
    const health = (await (await gateway.request('/health', { key: null })).json()) as Record<string, unknown>;
    expect(Object.keys(health).sort()).toEqual(['models_cached', 'price_refresh', 'provider_status', 'rate_limits', 'status', 'uptime']);
  });

  it('answers 503 in the error format while the database is away', async () => {
    await gateway!.database.close(); // the last step of a shutdown, or a database gone for good
    const response = await gateway!.request('/health/ready', { key: null });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toMatchObject({ error_type: 'ServiceUnavailable', message: expect.stringContaining('the database did not answer') });
    gateway!.database.close = async () => {}; // closed already
  });
});

describe.skipIf(!redis)('/health/ready with REDIS_URL', () => {
  it('answers 503 while Redis is unreachable and 200 again once it is back', async () => {
    const target = new URL(redis!);
    const proxy = await createTcpProxy({ host: target.hostname, port: Number(target.port) });
    await proxy.listen();
    const gateway = await startTestGateway('pglite', { env: { REDIS_URL: throughProxy(redis!, proxy) } });
    try {
      const ready = async () => gateway.request('/health/ready', { key: null });
      const first = await ready();
      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'ok' } });
      await proxy.close();
      const away = await ready();
      expect(away.status).toBe(503);
      expect(((await away.json()) as { message: string }).message).toContain('Redis did not answer');
      await proxy.listen();
      const started = performance.now();
      while ((await ready()).status !== 200) {
        if (performance.now() - started > 8_000) throw new Error('never ready again after Redis came back');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await gateway.close();
      await proxy.close();
    }
  });
});
