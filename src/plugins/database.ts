import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { seedEmbeddedPrices } from '../billing/price-book.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase, type DatabaseLocation, type OpenDatabase } from '../db/open-database.js';
import { waitForDatabase } from '../db/wait-for-database.js';
import { seedDefaultMappings } from '../routing/model-mappings.js';

/** Postgres with DATABASE_URL, else PGlite in DATA_DIR/pglite. */
export function databaseLocation(config: Config): DatabaseLocation {
  return config.DATABASE_URL ? { kind: 'postgres', url: config.DATABASE_URL } : { kind: 'pglite', dataDir: resolve(config.DATA_DIR, 'pglite') };
}

/** Migrations and the embedded seed data; safe to run on every start. */
export async function prepareDatabase(db: Kysely<Database>): Promise<void> {
  await migrateToLatest(db);
  await seedEmbeddedPrices(db);
  await seedDefaultMappings(db);
}

/**
 * The app's database: the one given (tests open theirs) or the configured one, waited for
 * (DATABASE_CONNECT_TIMEOUT_MS), migrated and seeded. The app owns it from here: it is closed
 * last, after everything that writes to it. Dropped connections are logged and replaced.
 */
export async function registerDatabase(app: FastifyInstance, config: Config, given: OpenDatabase | undefined): Promise<OpenDatabase> {
  const onConnectionError = (error: Error & { code?: string }) =>
    app.log.warn({ code: error.code, reason: error.message }, 'database connection ended; the pool reconnects on the next query');
  const database = given ?? (await openDatabase(databaseLocation(config), { onConnectionError }));
  app.addHook('onClose', () => database.close());
  await waitForDatabase(database.db, { timeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS, log: (line) => app.log.warn(line) });
  await prepareDatabase(database.db);
  return database;
}
