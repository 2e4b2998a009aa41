import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './database.js';
import { startPgliteThread } from './pglite-thread.js';

export type DatabaseLocation = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string | undefined };

export interface OpenDatabase {
  db: Kysely<Database>;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

const INT8_OID = 20;
const parseInt8 = (value: string) => BigInt(value);

/**
 * Opens Postgres (pg pool) or PGlite: a folder on its own thread, or memory (`dataDir` undefined) in-process.
 * Both drivers are told to return int8 as bigint: by default pg returns strings and PGlite returns
 * number or bigint depending on the value, and money must never pass through a float.
 */
export async function openDatabase(location: DatabaseLocation): Promise<OpenDatabase> {
  if (location.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: location.url,
      max: 10,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  if (location.dataDir) {
    const thread = await startPgliteThread(location.dataDir);
    // The dialect only ever calls query(); the thread answers it like PGlite would.
    const db = new Kysely<Database>({ dialect: new PGliteDialect(thread as unknown as PGlite) });
    return { db, kind: 'pglite', close: () => db.destroy() }; // destroy() closes the thread
  }
  // In memory (tests): in-process, where a short-lived database's cost does not matter.
  const pglite = await PGlite.create({ parsers: { [pgliteTypes.INT8]: parseInt8 } });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
