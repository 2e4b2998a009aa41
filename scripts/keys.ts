import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { prepareDatabase } from '../src/plugins/database.js';
import { openInvalidationBus } from '../src/plugins/invalidation.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../src/auth/api-keys-repository.js';
import { displayPrefix } from '../src/auth/api-key.js';
import { scopeSchema, type Scope } from '../src/auth/scopes.js';
import { loadConfig, type Config } from '../src/config.js';
import { acquireLock, readLock } from '../src/db/data-dir-lock.js';
import { openDatabase } from '../src/db/open-database.js';

/**
 * npm run keys -- create --user alice [--scopes inference,billing:read] [--name laptop]
 * npm run keys -- list [--user alice]
 * npm run keys -- revoke <key id>
 *
 * On the embedded database a running gateway owns the PGlite folder, so this talks to that
 * gateway's admin API (its address and a local control token are in the folder's lock file);
 * only when no gateway runs does it open the folder itself, holding the lock meanwhile.
 */
interface KeyInfo {
  id: string;
  user_id: string;
  name: string | null;
  key_prefix: string;
  scopes: string[];
  created_at: string;
  revoked_at: string | null;
  key?: string;
}

interface KeyAdmin {
  create(input: { user_id: string; scopes: Scope[]; name?: string }): Promise<KeyInfo>;
  list(userId?: string): Promise<KeyInfo[]>;
  revoke(id: string): Promise<boolean>;
  close(): Promise<void>;
}

function httpAdmin(url: string, token: string): KeyAdmin {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const payload = (await response.json()) as Record<string, unknown>;
    if (response.status === 404 && path.endsWith('/revoke')) return undefined;
    if (!response.ok) throw new Error(`${payload.error}: ${payload.message}`);
    return payload;
  };
  return {
    create: async (input) => (await call('POST', '/admin/keys', input)) as unknown as KeyInfo,
    list: async (userId) => ((await call('GET', `/admin/keys${userId ? `?user_id=${encodeURIComponent(userId)}` : ''}`)) as { keys: KeyInfo[] }).keys,
    revoke: async (id) => (await call('POST', `/admin/keys/${encodeURIComponent(id)}/revoke`, {})) !== undefined,
    close: async () => {},
  };
}

async function directAdmin(location: Parameters<typeof openDatabase>[0], release: () => void, config?: Config): Promise<KeyAdmin> {
  const database = await openDatabase(location);
  await prepareDatabase(database.db);
  const info = (row: Awaited<ReturnType<typeof listApiKeys>>[number]): KeyInfo => ({
    ...row,
    created_at: row.created_at.toISOString(),
    revoked_at: row.revoked_at?.toISOString() ?? null,
  });
  return {
    create: async (input) => {
      const created = await createApiKey(database.db, { userId: input.user_id, scopes: input.scopes, name: input.name ?? null });
      return {
        id: created.id,
        user_id: created.userId,
        name: created.name,
        key_prefix: displayPrefix(created.key),
        scopes: created.scopes,
        created_at: created.createdAt.toISOString(),
        revoked_at: null,
        key: created.key,
      };
    },
    list: async (userId) => (await listApiKeys(database.db, { userId })).map(info),
    revoke: async (id) => {
      const keyHash = await revokeApiKey(database.db, id);
      if (keyHash === undefined) return false;
      // Running gateways on this Postgres drop the key at once rather than at their cache's TTL.
      if (config) {
        const bus = openInvalidationBus(config, database.db, (_level, line) => process.stderr.write(`gatewayz: ${line}\n`));
        await bus.ready;
        await bus.publish({ kind: 'key', keyHash });
        await bus.close();
      }
      return true;
    },
    close: async () => {
      await database.close();
      release();
    },
  };
}

async function connect(): Promise<KeyAdmin> {
  const config = loadConfig();
  if (config.DATABASE_URL) return directAdmin({ kind: 'postgres', url: config.DATABASE_URL }, () => {}, config);
  const dataDir = resolve(config.DATA_DIR);
  const holder = readLock(dataDir);
  if (holder?.url && holder.controlToken) return httpAdmin(holder.url, holder.controlToken);
  const lock = acquireLock(dataDir); // throws with a clear message if a gateway is still starting
  return directAdmin({ kind: 'pglite', dataDir: resolve(dataDir, 'pglite') }, () => lock.release());
}

const usage = 'usage: npm run keys -- create --user <id> [--scopes inference,billing:read] [--name <name>] | list [--user <id>] | revoke <key id>';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { user: { type: 'string' }, scopes: { type: 'string' }, name: { type: 'string' } },
  });
  const [command, argument] = positionals;
  if (command === 'create' && !values.user) throw new Error(`create needs --user\n${usage}`);
  if (command === 'revoke' && !argument) throw new Error(`revoke needs a key id\n${usage}`);
  if (command !== 'create' && command !== 'list' && command !== 'revoke') throw new Error(usage);
  const scopes = (values.scopes ?? 'inference,billing:read').split(',').map((scope) => scopeSchema.parse(scope.trim()));
  const admin = await connect();
  try {
    if (command === 'create') {
      const created = await admin.create({ user_id: values.user!, scopes, ...(values.name ? { name: values.name } : {}) });
      console.log(`Created key ${created.id} for ${created.user_id} (scopes: ${created.scopes.join(', ')}). It is shown only once:\n\n  ${created.key}\n`);
    } else if (command === 'list') {
      for (const key of await admin.list(values.user)) {
        const state = key.revoked_at ? `revoked ${key.revoked_at}` : 'active';
        console.log(`${key.id}  ${key.user_id.padEnd(16)} ${key.key_prefix}…  ${key.scopes.join(',').padEnd(40)} ${state}`);
      }
    } else {
      if (!(await admin.revoke(argument!))) throw new Error(`No live key has id ${argument}`);
      console.log(`Revoked key ${argument}.`);
    }
  } finally {
    await admin.close();
  }
}

main().catch((error: unknown) => {
  console.error(`keys: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
