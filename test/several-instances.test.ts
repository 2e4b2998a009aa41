import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshDatabase, type FreshDatabase } from '../scripts/fresh-postgres-database.js';
import { startTestGateway, type TestGateway } from './support/test-gateway.js';

/**
 * Two gateways on one Postgres: a change made through A takes effect on B within one second,
 * over Redis pub/sub (REDIS_URL) and over Postgres LISTEN/NOTIFY (no Redis). The key cache's TTL
 * is a minute here, so only the invalidation can make B see the change in time.
 */
const postgres = process.env.DATABASE_URL;
const redis = process.env.REDIS_URL;
if (process.env.CI === 'true' && (!postgres || !redis)) throw new Error('CI must run this suite: set DATABASE_URL and REDIS_URL (scripts/services.sh).');

const transports = [['LISTEN/NOTIFY', {}] as const, ...(redis ? [['Redis pub/sub', { REDIS_URL: redis }] as const] : [])];

describe.skipIf(!postgres).each(transports)('two instances on one Postgres, invalidating over %s', (_name, env) => {
  let fresh: FreshDatabase;
  let a: TestGateway;
  let b: TestGateway;
  beforeAll(async () => {
    fresh = await createFreshDatabase(postgres!, 'gatewayz_test');
    const options = { databaseUrl: fresh.url, env: { ...env, KEY_CACHE_TTL_MS: '60000' } };
    a = await startTestGateway('postgres', options);
    b = await startTestGateway('postgres', options);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await fresh?.drop();
  });

  /** Polls until `check` holds; fails if it does not within one second of the change. */
  async function withinOneSecond(check: () => Promise<boolean>): Promise<number> {
    const started = performance.now();
    while (performance.now() - started < 1_000) {
      if (await check()) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('not within one second');
  }

  const generate = (gateway: TestGateway, model: string, key?: string) =>
    gateway.request('/hf/tasks/text-generation', { ...(key ? { key } : {}), body: { inputs: 'Hi', parameters: { model, max_tokens: 3 } } });

  it('a key revoked through A is refused by B within one second', async () => {
    const key = await a.createKey('carol', ['inference']);
    expect((await generate(b, 'gpt-4o-mini', key)).status).toBe(200); // B has it cached now
    const listed = (await (await a.request('/admin/keys?user_id=carol', { key: a.adminKey })).json()) as { keys: { id: string }[] };
    const revoked = await a.request(`/admin/keys/${listed.keys[0]!.id}/revoke`, { key: a.adminKey, body: {} });
    expect(revoked.status).toBe(200);
    await withinOneSecond(async () => (await generate(b, 'gpt-4o-mini', key)).status === 401);
  });

  it('a Hub id re-mapped through A is routed to the new model by B within one second', async () => {
    const hubId = 'acme/scale-test-model';
    const map = (model: string) =>
      a.request('/hf/tasks/models/map', { key: a.adminKey, body: { provider_model_id: model, hub_model_id: hubId, task_type: 'text-generation' } });
    const servedModel = async (gateway: TestGateway) => {
      const response = await generate(gateway, hubId);
      const row = await gateway.database.db
        .selectFrom('usage')
        .select('model')
        .where('request_id', '=', response.headers.get('inference-id')!)
        .executeTakeFirst();
      return response.status === 200 ? row?.model : `status ${response.status}`;
    };
    expect((await map('gpt-4o-mini')).status).toBe(200);
    await withinOneSecond(async () => (await servedModel(b)) === 'gpt-4o-mini');
    expect((await map('gpt-3.5-turbo')).status).toBe(200);
    await withinOneSecond(async () => (await servedModel(b)) === 'gpt-3.5-turbo');
  });

  it('a price version stored and announced through A is billed by B within one second', async () => {
    const billed = async () => {
      const response = await generate(b, 'gpt-3.5-turbo');
      const row = await b.database.db
        .selectFrom('usage')
        .select(['price_id'])
        .where('request_id', '=', response.headers.get('inference-id')!)
        .executeTakeFirst();
      return row?.price_id;
    };
    const before = await billed();
    const inserted = await a.database.db
      .insertInto('prices')
      .values({
        model: 'gpt-3.5-turbo',
        provider: '*',
        input_nano_usd_per_million: 7_000_000_000n,
        output_nano_usd_per_million: 9_000_000_000n,
        cache_read_nano_usd_per_million: 0n,
        cache_write_nano_usd_per_million: 0n,
        image_nano_usd_per_million: 0n,
        effective_from: new Date(Date.now() - 1_000),
        source: 'test',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await a.services.invalidation.publish({ kind: 'prices' });
    expect(before).not.toBe(inserted.id);
    await withinOneSecond(async () => (await billed()) === inserted.id);
  });
});

describe.skipIf(!postgres)('the LISTEN/NOTIFY listener after its connection drops', () => {
  let fresh: FreshDatabase;
  let a: TestGateway;
  let b: TestGateway;
  beforeAll(async () => {
    fresh = await createFreshDatabase(postgres!, 'gatewayz_test');
    a = await startTestGateway('postgres', { databaseUrl: fresh.url });
    b = await startTestGateway('postgres', { databaseUrl: fresh.url });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await fresh?.drop();
  });

  it('reconnects by itself and reloads what it may have missed, then hears new messages again', async () => {
    const hubId = 'acme/missed-while-away';
    const database = new URL(fresh.url).pathname.slice(1);
    // Both listeners are cut; the mapping below is written while nobody listens (its message is lost).
    const { rows } = await sql<{ terminated: boolean }>`select pg_terminate_backend(pid) as terminated from pg_stat_activity
      where datname = ${database} and query ilike 'listen %'`.execute(a.database.db);
    expect(rows.length).toBe(2);
    await a.database.db
      .insertInto('model_mappings')
      .values({ hub_model_id: hubId, provider_model_id: 'gpt-4o-mini', task_type: 'text-generation', parameters: '{}' })
      .execute();
    const status = async () => (await b.request('/hf/tasks/text-generation', { body: { inputs: 'Hi', parameters: { model: hubId, max_tokens: 3 } } })).status;
    expect(await status()).toBe(404);
    const started = performance.now();
    while ((await status()) !== 200) {
      if (performance.now() - started > 5_000) throw new Error('B never reloaded the mappings after reconnecting');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(b.services.invalidation.connected).toBe(true);
    const key = await a.createKey('dave', ['inference']);
    const listed = (await (await a.request('/admin/keys?user_id=dave', { key: a.adminKey })).json()) as { keys: { id: string }[] };
    expect((await b.request('/hf/tasks/models', { key })).status).toBe(200);
    expect((await a.request(`/admin/keys/${listed.keys[0]!.id}/revoke`, { key: a.adminKey, body: {} })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await b.request('/hf/tasks/models', { key })).status).toBe(401);
  });
});
