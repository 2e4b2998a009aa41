import type { Kysely } from 'kysely';
import type { ApiKeyRow, Database } from '../db/database.js';
import { displayPrefix, generateApiKey, hashApiKey } from './api-key.js';
import type { Scope } from './scopes.js';

export interface CreatedApiKey {
  id: string;
  key: string;
  userId: string;
  name: string | null;
  scopes: Scope[];
  createdAt: Date;
}

export async function createApiKey(
  db: Kysely<Database>,
  input: { userId: string; scopes: Scope[]; name?: string | null; spendLimitTotal?: bigint | undefined; spendLimitDaily?: bigint | undefined },
): Promise<CreatedApiKey> {
  const key = generateApiKey();
  return db.transaction().execute(async (transaction) => {
    await transaction
      .insertInto('users')
      .values({ id: input.userId })
      .onConflict((conflict) => conflict.doNothing())
      .execute();
    const row = await transaction
      .insertInto('api_keys')
      .values({
        user_id: input.userId,
        name: input.name ?? null,
        key_hash: hashApiKey(key),
        key_prefix: displayPrefix(key),
        scopes: input.scopes,
        spend_limit_total_nano_usd: input.spendLimitTotal ?? null,
        spend_limit_daily_nano_usd: input.spendLimitDaily ?? null,
      })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    return { id: row.id, key, userId: input.userId, name: input.name ?? null, scopes: input.scopes, createdAt: row.created_at };
  });
}

export function findApiKeyByHash(db: Kysely<Database>, keyHash: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
}

export function listApiKeys(db: Kysely<Database>, filter: { userId?: string | undefined } = {}): Promise<ApiKeyRow[]> {
  let query = db.selectFrom('api_keys').selectAll().orderBy('created_at', 'asc');
  if (filter.userId) query = query.where('user_id', '=', filter.userId);
  return query.execute();
}

/** Returns the revoked key's hash (for cache invalidation), or undefined when no such live key. */
export async function revokeApiKey(db: Kysely<Database>, id: string): Promise<string | undefined> {
  const row = await db
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning('key_hash')
    .executeTakeFirst();
  return row?.key_hash;
}

export async function countApiKeys(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('api_keys')
    .select((eb) => eb.fn.countAll<bigint>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
