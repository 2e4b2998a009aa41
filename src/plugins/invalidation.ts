import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { KeyCache } from '../auth/key-cache.js';
import type { PriceBook } from '../billing/price-book.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { ModelMappings } from '../routing/model-mappings.js';
import { localBus, type Invalidation, type InvalidationBus } from '../sync/invalidation-bus.js';
import { postgresBus } from '../sync/postgres-bus.js';
import { redisBus } from '../sync/redis-bus.js';

/**
 * The invalidation bus of this instance: Redis pub/sub with REDIS_URL, else Postgres
 * LISTEN/NOTIFY with DATABASE_URL, else nothing to do (PGlite: one process). Closed on app close.
 */
export async function registerInvalidation(app: FastifyInstance, config: Config, db: Kysely<Database>): Promise<InvalidationBus> {
  const bus = openInvalidationBus(config, db, (level, message) => app.log[level](message));
  app.addHook('onClose', () => bus.close());
  await bus.ready;
  return bus;
}

/** Also used by `npm run keys` when it writes to Postgres itself. */
export function openInvalidationBus(config: Config, db: Kysely<Database>, log: (level: 'info' | 'warn', message: string) => void): InvalidationBus {
  if (config.REDIS_URL) return redisBus({ url: config.REDIS_URL, log });
  if (config.DATABASE_URL) {
    const notify = async (channel: string, payload: string) => void (await sql`select pg_notify(${channel}, ${payload})`.execute(db));
    return postgresBus({ url: config.DATABASE_URL, notify, log });
  }
  return localBus();
}

/** What each message drops or reloads in this instance's memory. */
export function subscribeCaches(
  bus: InvalidationBus,
  caches: { db: Kysely<Database>; keyCache: KeyCache; mappings: ModelMappings; priceBook: PriceBook },
  log: (message: string) => void,
): void {
  const reload = (what: string, work: Promise<void>) => work.catch((error: unknown) => log(`reloading ${what} failed: ${String(error)}`));
  bus.subscribe((message: Invalidation) => {
    switch (message.kind) {
      case 'key':
        return caches.keyCache.invalidate(message.keyHash);
      case 'mappings':
        return void reload('mappings', caches.mappings.load());
      case 'prices':
        return void reload('prices', caches.priceBook.reload(caches.db));
      case 'everything':
        caches.keyCache.expireAll();
        void reload('mappings', caches.mappings.load());
        void reload('prices', caches.priceBook.reload(caches.db));
    }
  });
}
