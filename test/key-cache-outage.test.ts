import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshDatabase, type FreshDatabase } from '../scripts/fresh-postgres-database.js';
import { createApiKey } from '../src/auth/api-keys-repository.js';
import { hashApiKey } from '../src/auth/api-key.js';
import { KeyCache } from '../src/auth/key-cache.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { openDatabase, type OpenDatabase } from '../src/db/open-database.js';
import { GatewayError } from '../src/errors.js';
import { createTcpProxy, throughProxy, type TcpProxy } from './support/tcp-proxy.js';

describe.runIf(process.env.DATABASE_URL)('the key cache while Postgres is unreachable', () => {
  let fresh: FreshDatabase;
  let direct: OpenDatabase;
  let proxied: OpenDatabase;
  let proxy: TcpProxy;
  let clock = 0;
  let cache: KeyCache;
  const keys: Record<'alice' | 'bob', string> = { alice: '', bob: '' };

  beforeAll(async () => {
    fresh = await createFreshDatabase(process.env.DATABASE_URL!, 'gatewayz_test');
    direct = await openDatabase({ kind: 'postgres', url: fresh.url });
    await migrateToLatest(direct.db);
    keys.alice = (await createApiKey(direct.db, { userId: 'alice', scopes: ['inference'] })).key;
    keys.bob = (await createApiKey(direct.db, { userId: 'bob', scopes: ['inference'] })).key;
    const server = new URL(fresh.url);
    proxy = await createTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    await proxy.listen();
    proxied = await openDatabase({ kind: 'postgres', url: throughProxy(fresh.url, proxy) }, { onConnectionError: () => {} });
    cache = new KeyCache(proxied.db, 1_000, () => clock);
  });
  afterAll(async () => {
    await proxied?.close();
    await proxy?.close();
    await direct?.close();
    await fresh?.drop();
  });

  it('keeps known keys working past their TTL, keeps a revocation, and 503s only unknown keys with Retry-After', async () => {
    expect(await cache.resolve(keys.alice)).toMatchObject({ userId: 'alice' });
    expect(await cache.resolve(keys.bob)).toMatchObject({ userId: 'bob' });
    expect(cache.databaseReachable).toBe(true);

    await proxy.close();
    clock += 60_000; // every entry is now older than the TTL
    cache.invalidate(hashApiKey(keys.bob)); // bob revoked through this gateway

    expect(await cache.resolve(keys.alice)).toMatchObject({ userId: 'alice' });
    expect(cache.databaseReachable).toBe(false);
    expect(await cache.resolve(keys.bob)).toBeUndefined();
    const unknown = await cache.resolve('gw_live_never_seen').catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(GatewayError);
    expect((unknown as GatewayError).status).toBe(503);
    expect((unknown as GatewayError).headers).toEqual({ 'Retry-After': '5' });

    await proxy.listen();
    clock += 60_000;
    expect(await cache.resolve(keys.alice)).toMatchObject({ userId: 'alice' });
    expect(cache.databaseReachable).toBe(true);
    expect(await cache.resolve('gw_live_never_seen')).toBeUndefined();
  });
});
