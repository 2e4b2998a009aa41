import { createFreshDatabase } from '../../scripts/fresh-postgres-database.js';
import { openDatabase, type OpenDatabase } from '../../src/db/open-database.js';

export type DatabaseKind = 'pglite' | 'postgres';

/**
 * The databases every integration suite runs against: PGlite always, Postgres when DATABASE_URL
 * is set. In CI a missing DATABASE_URL fails the run instead of skipping the Postgres suites.
 */
export function databaseKinds(): DatabaseKind[] {
  if (process.env.DATABASE_URL) return ['pglite', 'postgres'];
  if (process.env.CI === 'true') throw new Error('CI must run the Postgres suites, but DATABASE_URL is not set (see scripts/services.sh).');
  return ['pglite'];
}

/** A fresh, empty database: in-memory PGlite, or a new database on the Postgres server, dropped on close. */
export async function openTestDatabase(kind: DatabaseKind): Promise<OpenDatabase> {
  if (kind === 'pglite') return openDatabase({ kind: 'pglite', dataDir: undefined });
  const fresh = await createFreshDatabase(process.env.DATABASE_URL!, 'gatewayz_test');
  const database = await openDatabase({ kind: 'postgres', url: fresh.url });
  return {
    ...database,
    close: async () => {
      await database.close();
      await fresh.drop();
    },
  };
}
