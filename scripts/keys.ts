import { parseArgs } from 'node:util';
import { createApiKey, listApiKeys, revokeApiKey } from '../src/auth/api-keys-repository.js';
import { displayPrefix } from '../src/auth/api-key.js';
import { scopeSchema, type Scope } from '../src/auth/scopes.js';
import { setRateLimits } from '../src/ratelimit/rate-limits-repository.js';
import { AdminCallError, connectToGateway, type GatewayConnection } from './gateway-connection.js';
import { loadConfig } from '../src/config.js';
import { openInvalidationBus } from '../src/plugins/invalidation.js';

/**
 * npm run keys -- create --user alice [--scopes inference,billing:read] [--name laptop] [--rpm 60] [--tpm 100000]
 * npm run keys -- list [--user alice]
 * npm run keys -- revoke <key id>
 * npm run keys -- limits --id <key id> | --user alice [--rpm 60] [--tpm 100000]   (omitted: the default; 0: unlimited)
 *
 * Through the running gateway's admin API on PGlite, or the database directly (gateway-connection.ts).
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

interface RateLimits {
  requests_per_minute: number | null;
  tokens_per_minute: number | null;
}

interface KeyAdmin {
  create(input: { user_id: string; scopes: Scope[]; name?: string; rate_limits?: RateLimits }): Promise<KeyInfo>;
  /** False when no such key or user. */
  limits(subject: 'key' | 'user', id: string, limits: RateLimits): Promise<boolean>;
  list(userId?: string): Promise<KeyInfo[]>;
  revoke(id: string): Promise<boolean>;
  close(): Promise<void>;
}

function httpAdmin(connection: Extract<GatewayConnection, { kind: 'http' }>): KeyAdmin {
  return {
    create: async (input) => (await connection.call('POST', '/admin/keys', input)) as unknown as KeyInfo,
    list: async (userId) =>
      ((await connection.call('GET', `/admin/keys${userId ? `?user_id=${encodeURIComponent(userId)}` : ''}`)) as unknown as { keys: KeyInfo[] }).keys,
    revoke: async (id) => {
      try {
        await connection.call('POST', `/admin/keys/${encodeURIComponent(id)}/revoke`, {});
        return true;
      } catch (error) {
        if (error instanceof AdminCallError && error.status === 404) return false;
        throw error;
      }
    },
    limits: async (subject, id, limits) => {
      try {
        await connection.call('PUT', `/admin/${subject === 'key' ? 'keys' : 'users'}/${encodeURIComponent(id)}/limits`, limits);
        return true;
      } catch (error) {
        if (error instanceof AdminCallError && error.status === 404) return false;
        throw error;
      }
    },
    close: () => connection.close(),
  };
}

function directAdmin(connection: Extract<GatewayConnection, { kind: 'database' }>): KeyAdmin {
  const { db } = connection;
  const info = (row: Awaited<ReturnType<typeof listApiKeys>>[number]): KeyInfo => ({
    ...row,
    created_at: row.created_at.toISOString(),
    revoked_at: row.revoked_at?.toISOString() ?? null,
  });
  return {
    create: async (input) => {
      const created = await createApiKey(db, { userId: input.user_id, scopes: input.scopes, name: input.name ?? null });
      if (input.rate_limits) await setRateLimits(db, 'key', created.id, toLimits(input.rate_limits));
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
    list: async (userId) => (await listApiKeys(db, { userId })).map(info),
    revoke: async (id) => {
      const keyHash = await revokeApiKey(db, id);
      if (keyHash === undefined) return false;
      // Running gateways on this Postgres drop the key at once rather than at their cache's TTL.
      const config = loadConfig();
      if (config.DATABASE_URL) {
        const bus = openInvalidationBus(config, db, (_level, line) => process.stderr.write(`gatewayz: ${line}\n`));
        await bus.ready;
        await bus.publish({ kind: 'key', keyHash });
        await bus.close();
      }
      return true;
    },
    limits: async (subject, id, limits) => {
      const table = subject === 'key' ? 'api_keys' : 'users';
      const found = await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
      if (!found) return false;
      await setRateLimits(db, subject, id, toLimits(limits));
      return true;
    },
    close: () => connection.close(),
  };
}

async function connect(): Promise<KeyAdmin> {
  const connection = await connectToGateway();
  return connection.kind === 'http' ? httpAdmin(connection) : directAdmin(connection);
}

function toLimits(limits: RateLimits) {
  return { requestsPerMinute: limits.requests_per_minute, tokensPerMinute: limits.tokens_per_minute };
}

/** --rpm / --tpm as the admin API takes them: absent keeps the default, 0 is unlimited. */
function limitsFrom(values: { rpm?: string | undefined; tpm?: string | undefined }): RateLimits {
  const perMinute = (text: string | undefined, flag: string) => {
    if (text === undefined) return null;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${flag} must be a whole number >= 0 (0: unlimited)`);
    return value;
  };
  return { requests_per_minute: perMinute(values.rpm, '--rpm'), tokens_per_minute: perMinute(values.tpm, '--tpm') };
}

const usage =
  'usage: npm run keys -- create --user <id> [--scopes inference,billing:read] [--name <name>] [--rpm N] [--tpm N] | list [--user <id>] | revoke <key id> | limits --id <key id> | --user <id> [--rpm N] [--tpm N]';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      user: { type: 'string' },
      scopes: { type: 'string' },
      name: { type: 'string' },
      id: { type: 'string' },
      rpm: { type: 'string' },
      tpm: { type: 'string' },
    },
  });
  const [command, argument] = positionals;
  if (command === 'create' && !values.user) throw new Error(`create needs --user\n${usage}`);
  if (command === 'revoke' && !argument) throw new Error(`revoke needs a key id\n${usage}`);
  if (command === 'limits' && !values.id === !values.user) throw new Error(`limits needs --id <key id> or --user <id>\n${usage}`);
  if (command !== 'create' && command !== 'list' && command !== 'revoke' && command !== 'limits') throw new Error(usage);
  const limits = limitsFrom(values);
  const hasLimits = values.rpm !== undefined || values.tpm !== undefined;
  const scopes = (values.scopes ?? 'inference,billing:read').split(',').map((scope) => scopeSchema.parse(scope.trim()));
  const admin = await connect();
  try {
    if (command === 'create') {
      const created = await admin.create({
        user_id: values.user!,
        scopes,
        ...(values.name ? { name: values.name } : {}),
        ...(hasLimits ? { rate_limits: limits } : {}),
      });
      console.log(`Created key ${created.id} for ${created.user_id} (scopes: ${created.scopes.join(', ')}). It is shown only once:\n\n  ${created.key}\n`);
    } else if (command === 'list') {
      for (const key of await admin.list(values.user)) {
        const state = key.revoked_at ? `revoked ${key.revoked_at}` : 'active';
        console.log(`${key.id}  ${key.user_id.padEnd(16)} ${key.key_prefix}…  ${key.scopes.join(',').padEnd(40)} ${state}`);
      }
    } else if (command === 'limits') {
      const [subject, id] = values.id ? (['key', values.id] as const) : (['user', values.user!] as const);
      if (!(await admin.limits(subject, id, limits))) throw new Error(`No ${subject} has id ${id}`);
      const shown = (value: number | null) => (value === null ? 'default' : value === 0 ? 'unlimited' : String(value));
      console.log(`Limits of ${subject} ${id}: ${shown(limits.requests_per_minute)} requests/min, ${shown(limits.tokens_per_minute)} tokens/min.`);
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
