import { randomBytes } from 'node:crypto';
import pg from 'pg';
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
  const serverUrl = process.env.DATABASE_URL!;
  const name = `gatewayz_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString() });
  return {
    ...database,
    close: async () => {
      await database.close();
      await withAdminClient(serverUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

async function withAdminClient<T>(url: string, action: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await action(client);
  } finally {
    await client.end();
  }
}
