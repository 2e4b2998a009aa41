import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { loadConfig } from '../src/config.js';
import { acquireLock, readLock } from '../src/db/data-dir-lock.js';
import type { Database } from '../src/db/database.js';
import { openDatabase } from '../src/db/open-database.js';
import { prepareDatabase } from '../src/plugins/database.js';

/**
 * How a CLI (keys, credits, audit) reaches the gateway's data. On the embedded database a running
 * gateway owns the PGlite folder, so the CLI talks to that gateway's admin API (its address and a
 * local control token are in the folder's lock file); only when no gateway runs does it open the
 * folder itself, holding the lock meanwhile. On Postgres it opens the database directly.
 */
export type GatewayConnection =
  | { kind: 'http'; call(method: string, path: string, body?: unknown): Promise<Record<string, unknown>>; close(): Promise<void> }
  | { kind: 'database'; db: Kysely<Database>; close(): Promise<void> };

export class AdminCallError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function connectToGateway(): Promise<GatewayConnection> {
  const config = loadConfig();
  if (config.DATABASE_URL) return direct({ kind: 'postgres', url: config.DATABASE_URL }, () => {});
  const dataDir = resolve(config.DATA_DIR);
  const holder = readLock(dataDir);
  if (holder?.url && holder.controlToken) return http(holder.url, holder.controlToken);
  const lock = acquireLock(dataDir); // throws with a clear message if a gateway is still starting
  return direct({ kind: 'pglite', dataDir: resolve(dataDir, 'pglite') }, () => lock.release());
}

function http(url: string, token: string): GatewayConnection {
  return {
    kind: 'http',
    call: async (method, path, body) => {
      const response = await fetch(url + path, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const payload = (await response.json()) as Record<string, unknown>;
      if (!response.ok) throw new AdminCallError(response.status, `${String(payload.error)}`);
      return payload;
    },
    close: async () => {},
  };
}

async function direct(location: Parameters<typeof openDatabase>[0], release: () => void): Promise<GatewayConnection> {
  const database = await openDatabase(location);
  await prepareDatabase(database.db);
  return {
    kind: 'database',
    db: database.db,
    close: async () => {
      await database.close();
      release();
    },
  };
}
