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

/** Code and message only: the error object can carry connection parameters, never worth a password in a log. */
function logConnectionError(error: Error): void {
  const code = (error as { code?: string }).code;
  process.stderr.write(`gatewayz: database connection lost${code ? ` (${code})` : ''}: ${error.message}; reconnecting on the next query\n`);
}
const parseInt8 = (value: string) => BigInt(value);

/**
 * Opens Postgres (pg pool) or PGlite: a folder on its own thread, or memory (`dataDir` undefined) in-process.
 * Both drivers are told to return int8 as bigint: by default pg returns strings and PGlite returns
 * number or bigint depending on the value, and money must never pass through a float.
 */
export async function openDatabase(location: DatabaseLocation, options: { onConnectionError?: (error: Error) => void } = {}): Promise<OpenDatabase> {
  if (location.kind === 'postgres') {
    const onConnectionError = options.onConnectionError ?? logConnectionError;
    const pool = new pg.Pool({
      connectionString: location.url,
      max: 10,
      // A server that is unreachable (not refusing) would otherwise hold every query forever.
      connectionTimeoutMillis: 10_000,
      keepAlive: true,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
    });
    // A restart, pg_terminate_backend or an idle timeout ends connections with an 'error' event;
    // unhandled, it kills the process. The pool drops the broken client and connects anew on the
    // next query, so logging is all there is to do. Every client gets a listener, not only idle
    // ones (the pool's own 'error'), because a client checked out between two statements of a
    // transaction can be ended too; the pool's event is then a repeat of the client's.
    pool.on('connect', (client) => client.on('error', onConnectionError));
    pool.on('error', () => {});
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
