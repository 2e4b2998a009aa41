import { execFileSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshDatabase, type FreshDatabase } from '../scripts/fresh-postgres-database.js';
import { databaseKinds } from './support/databases.js';
import { startTestGateway, type TestGateway } from './support/test-gateway.js';

const redisUrl = process.env.REDIS_URL;
if (!redisUrl && process.env.CI === 'true') throw new Error('CI must run the Redis suites, but REDIS_URL is not set (see scripts/services.sh).');

const generate = { inputs: 'Hello', parameters: { max_new_tokens: 8 } };
const chat = (maxTokens: number) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello there' }], max_tokens: maxTokens });

async function createKey(gateway: TestGateway, userId: string, rateLimits?: { requests_per_minute?: number; tokens_per_minute?: number }) {
  const response = await gateway.request('/admin/keys', { key: gateway.adminKey, body: { user_id: userId, scopes: ['inference'], rate_limits: rateLimits } });
  expect(response.status).toBe(200);
  return (await response.json()) as { id: string; key: string };
}

/** Every inference response, admitted or refused, carries the tightest level's state. */
function expectLimitHeaders(response: Response, limit: number) {
  expect(response.headers.get('x-ratelimit-limit')).toBe(String(limit));
  expect(Number(response.headers.get('x-ratelimit-remaining'))).toBeGreaterThanOrEqual(0);
  const reset = Number(response.headers.get('x-ratelimit-reset'));
  expect(reset).toBeGreaterThan(Date.now() / 1000 - 1);
  expect(reset).toBeLessThan(Date.now() / 1000 + 130);
}

async function expectRefused(response: Response, level: 'key' | 'user' | 'global', kind: 'requests' | 'tokens') {
  expect(response.status).toBe(429);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  const body = (await response.json()) as Record<string, unknown> & { error?: unknown };
  // The Gatewayz surface has the facts at the top; /v1 may nest them in OpenAI's error object.
  const facts = typeof body.error === 'object' && body.error !== null ? (body.error as Record<string, unknown>) : body;
  expect(facts).toMatchObject({ limit_level: level, limit_kind: kind });
}

describe.each(databaseKinds())('rate limits in memory on %s', (kind) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway(kind, { simulator: { completionTokens: 5 } });
  });
  afterAll(() => gateway.close());

  it('a per-key limit of N admits exactly N of N + 5 concurrent requests; the rest get 429 with Retry-After and headers', async () => {
    const { key } = await createKey(gateway, 'carol', { requests_per_minute: 6 });
    const responses = await Promise.all(Array.from({ length: 11 }, () => gateway.request('/hf/tasks/text-generation', { key, body: generate })));
    const admitted = responses.filter((response) => response.status === 200);
    expect(admitted).toHaveLength(6);
    for (const response of responses) expectLimitHeaders(response, 6);
    expect(admitted.map((response) => Number(response.headers.get('x-ratelimit-remaining'))).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    for (const response of responses.filter((each) => each.status !== 200)) await expectRefused(response, 'key', 'requests');
    // Nothing was billed for the refused calls: one usage row per admitted call (durable ledger: committed before the response).
    const rows = await gateway.database.db.selectFrom('usage').select('request_id').where('user_id', '=', 'carol').execute();
    expect(rows).toHaveLength(6);
  });

  it('a per-user limit holds across two keys of the user', async () => {
    const first = await createKey(gateway, 'dave');
    const second = await createKey(gateway, 'dave');
    const set = await gateway.request('/admin/users/dave/limits', { method: 'PUT', key: gateway.adminKey, body: { requests_per_minute: 4 } });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ subject: 'user', subject_id: 'dave', requests_per_minute: 4, tokens_per_minute: null });
    const statuses: number[] = [];
    for (let index = 0; index < 8; index++) {
      const response = await gateway.request('/v1/chat/completions', { key: (index % 2 ? first : second).key, body: chat(8) });
      expectLimitHeaders(response, 4);
      statuses.push(response.status);
      if (response.status === 429) await expectRefused(response, 'user', 'requests');
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429, 429, 429]);
  });

  it('a per-key limit set through PUT /admin/keys/{id}/limits applies at once; 404 for an unknown key', async () => {
    const { id, key } = await createKey(gateway, 'erin');
    expect((await gateway.request('/hf/tasks/text-generation', { key, body: generate })).status).toBe(200);
    const set = await gateway.request(`/admin/keys/${id}/limits`, { method: 'PUT', key: gateway.adminKey, body: { requests_per_minute: 2 } });
    expect(set.status).toBe(200);
    const statuses = [];
    for (let index = 0; index < 3; index++) statuses.push((await gateway.request('/hf/tasks/text-generation', { key, body: generate })).status);
    expect(statuses).toEqual([200, 200, 429]); // the counter started when the limit was set... and counts the earlier call too
    const missing = await gateway.request('/admin/keys/00000000-0000-4000-8000-000000000000/limits', { method: 'PUT', key: gateway.adminKey, body: {} });
    expect(missing.status).toBe(404);
  });

  it('a TPM limit holds: tokens are reserved from max_tokens and corrected to the real count after the call', async () => {
    const { key } = await createKey(gateway, 'frank', { tokens_per_minute: 1_000 });
    // A tiny prompt with max_tokens above the limit can never fit: the reservation is max_tokens, not the prompt.
    const tooBig = await gateway.request('/v1/chat/completions', { key, body: chat(1_100) });
    await expectRefused(tooBig, 'key', 'tokens');
    expect(tooBig.headers.get('x-ratelimit-limit-tokens')).toBe('1000');
    // Admitted with ~3 prompt tokens + 900 reserved: ~97 left at admission.
    const first = await gateway.request('/v1/chat/completions', { key, body: chat(900) });
    expect(first.status).toBe(200);
    expect(Number(first.headers.get('x-ratelimit-remaining-tokens'))).toBeLessThanOrEqual(97);
    // It used a handful (the simulator answers 5 tokens): the rest was refunded, or this second 900 could not fit.
    const second = await gateway.request('/v1/chat/completions', { key, body: chat(900) });
    expect(second.status).toBe(200);
    const remaining = Number(second.headers.get('x-ratelimit-remaining-tokens'));
    expect(remaining).toBeGreaterThan(1_000 - 903 - 50);
    // The second one's reservation is held until it settles; a third fits only after that refund too.
    expect((await gateway.request('/v1/chat/completions', { key, body: chat(900) })).status).toBe(200);
  });

  it('a stream carries the headers too, and a refused stream is an ordinary 429', async () => {
    const { key } = await createKey(gateway, 'streamer', { requests_per_minute: 1 });
    const opened = await gateway.request('/v1/chat/completions', { key, body: { ...chat(8), stream: true } });
    expect(opened.status).toBe(200);
    expectLimitHeaders(opened, 1);
    expect(opened.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(await opened.text()).toContain('[DONE]');
    const refused = await gateway.request('/v1/chat/completions', { key, body: { ...chat(8), stream: true } });
    expectLimitHeaders(refused, 1);
    await expectRefused(refused, 'key', 'requests');
  });

  it('the HF-native routes (/models/*) are limited the same way', async () => {
    const { key } = await createKey(gateway, 'hub-user', { requests_per_minute: 1 });
    const path = '/models/meta-llama/Llama-3.1-8B-Instruct/v1/chat/completions';
    const body = { messages: [{ role: 'user', content: 'Hi' }], max_tokens: 8 };
    const first = await gateway.request(path, { key, body });
    expect(first.status).toBe(200);
    expectLimitHeaders(first, 1);
    const second = await gateway.request(path, { key, body });
    expectLimitHeaders(second, 1);
    await expectRefused(second, 'key', 'requests');
  });

  it('says where the counters live in /health', async () => {
    const health = (await (await gateway.request('/health', { key: null })).json()) as { rate_limits: string };
    expect(health.rate_limits).toBe('memory');
  });
});

describe.each(databaseKinds())('the global limit on %s', (kind) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway(kind, { env: { RATE_LIMIT_GLOBAL_RPM: '5' } });
  });
  afterAll(() => gateway.close());

  it('holds across users', async () => {
    const keys = await Promise.all(['g1', 'g2', 'g3'].map((user) => gateway.createKey(user, ['inference'])));
    const responses = await Promise.all(
      Array.from({ length: 9 }, (_, index) => gateway.request('/hf/tasks/text-generation', { key: keys[index % 3]!, body: generate })),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(5);
    for (const response of responses) expectLimitHeaders(response, 5);
    for (const response of responses.filter((each) => each.status === 429)) await expectRefused(response, 'global', 'requests');
  });
});

describe.runIf(redisUrl && process.env.DATABASE_URL)('two gateways on one Postgres and one Redis', () => {
  let database: FreshDatabase;
  let gateways: TestGateway[];
  beforeAll(async () => {
    database = await createFreshDatabase(process.env.DATABASE_URL!, 'gatewayz_test');
    gateways = [];
    // One after the other: the first migrates the shared database.
    for (let index = 0; index < 2; index++) gateways.push(await startTestGateway('postgres', { databaseUrl: database.url, env: { REDIS_URL: redisUrl! } }));
  });
  afterAll(async () => {
    for (const gateway of gateways ?? []) await gateway.close();
    await database?.drop();
  });

  it('a per-key limit of N admits exactly N across both, requests alternating', async () => {
    const { key } = await createKey(gateways[0]!, 'shared-key-user', { requests_per_minute: 7 });
    const responses = await Promise.all(
      Array.from({ length: 16 }, (_, index) => gateways[index % 2]!.request('/hf/tasks/text-generation', { key, body: generate })),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(7);
    for (const response of responses) expectLimitHeaders(response, 7);
    // Both instances served some of the admitted ones.
    expect(responses.filter((response, index) => response.status === 200 && index % 2 === 1).length).toBeGreaterThan(0);
  });

  it('a per-user limit and a TPM limit hold across both', async () => {
    const first = await createKey(gateways[0]!, 'shared-user', { tokens_per_minute: 2_000 });
    const second = await createKey(gateways[1]!, 'shared-user');
    await gateways[1]!.request('/admin/users/shared-user/limits', { method: 'PUT', key: gateways[1]!.adminKey, body: { requests_per_minute: 5 } });
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        gateways[index % 2]!.request('/hf/tasks/text-generation', { key: (index < 5 ? first : second).key, body: generate }),
      ),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(5);
    // TPM: 900-token reservations against 2000 tokens a minute, from both instances at once: at most 2 fit.
    const tokenCalls = await Promise.all(
      Array.from({ length: 4 }, (_, index) => gateways[index % 2]!.request('/v1/chat/completions', { key: first.key, body: chat(900) })),
    );
    expect(tokenCalls.filter((response) => response.status === 200).length).toBeLessThanOrEqual(2);
  });

  it('reports Redis in /health on both', async () => {
    for (const gateway of gateways)
      expect(((await (await gateway.request('/health', { key: null })).json()) as { rate_limits: string }).rate_limits).toBe('redis');
  });
});

const outagePort = 56390;
const redisCli = (...args: string[]) => execFileSync('redis-cli', ['-p', String(outagePort), ...args], { encoding: 'utf8' }).trim();
const startOutageRedis = () => execFileSync('redis-server', ['--port', String(outagePort), '--save', '', '--appendonly', 'no', '--daemonize', 'yes']);

describe.runIf(redisUrl)('Redis stopped and restarted under load', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    startOutageRedis();
    await waitFor(() => redisCli('ping') === 'PONG');
    gateway = await startTestGateway(databaseKinds()[0]!, { env: { REDIS_URL: `redis://127.0.0.1:${outagePort}` } });
  });
  afterAll(async () => {
    await gateway?.close();
    try {
      redisCli('shutdown', 'nosave');
    } catch {
      // already stopped
    }
  });

  const health = async () => (await (await gateway.request('/health', { key: null })).json()) as { status: string; rate_limits: string };

  it('falls back to per-instance limits, says so, and returns to Redis by itself', async () => {
    const { id, key } = await createKey(gateway, 'outage-user', { requests_per_minute: 10_000 });
    expect((await health()).rate_limits).toBe('redis');
    const statuses: number[] = [];
    let running = true;
    const load = (async () => {
      while (running) statuses.push((await gateway.request('/hf/tasks/text-generation', { key, body: generate })).status);
    })();
    await waitFor(() => statuses.length > 20);
    redisCli('shutdown', 'nosave');
    await waitFor(async () => (await health()).rate_limits === 'local-fallback');
    expect((await health()).status).toBe('degraded');
    const duringOutage = statuses.length;
    await waitFor(() => statuses.length > duringOutage + 20);

    // The fallback still enforces the limits, locally.
    const strict = await createKey(gateway, 'outage-strict', { requests_per_minute: 3 });
    const strictStatuses = [];
    for (let index = 0; index < 5; index++)
      strictStatuses.push((await gateway.request('/hf/tasks/text-generation', { key: strict.key, body: generate })).status);
    expect(strictStatuses).toEqual([200, 200, 200, 429, 429]);

    startOutageRedis();
    await waitFor(async () => (await health()).rate_limits === 'redis', 10_000);
    const afterReturn = statuses.length;
    await waitFor(() => statuses.length > afterReturn + 20);
    running = false;
    await load;
    expect(statuses.every((status) => status === 200)).toBe(true);
    // The counters are on Redis again.
    const client = new Redis(`redis://127.0.0.1:${outagePort}`);
    try {
      const buckets = await client.hgetall(`gatewayz:{ratelimit}:key:${id}:requests`);
      expect(Object.values(buckets).reduce((sum, value) => sum + Number(value), 0)).toBeGreaterThan(0);
    } finally {
      client.disconnect();
    }
  }, 60_000);
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await condition()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
