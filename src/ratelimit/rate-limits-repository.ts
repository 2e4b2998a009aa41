import type { Kysely } from 'kysely';
import type { Database, RateLimitRow } from '../db/database.js';
import type { LimitOverride } from './limits.js';

export type LimitSubjectKind = RateLimitRow['subject'];

/** Sets a key's or a user's own limits (null: back to the default). */
export async function setRateLimits(db: Kysely<Database>, subject: LimitSubjectKind, subjectId: string, limits: LimitOverride): Promise<void> {
  const values = { requests_per_minute: limits.requestsPerMinute, tokens_per_minute: limits.tokensPerMinute };
  await db
    .insertInto('rate_limits')
    .values({ subject, subject_id: subjectId, ...values })
    .onConflict((conflict) => conflict.columns(['subject', 'subject_id']).doUpdateSet({ ...values, updated_at: new Date() }))
    .execute();
}

/** The key's and the user's rows, in one query. */
export async function findRateLimits(db: Kysely<Database>, keyId: string | undefined, userId: string): Promise<{ key?: LimitOverride; user?: LimitOverride }> {
  const rows = await db
    .selectFrom('rate_limits')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('subject', '=', 'user'), eb('subject_id', '=', userId)]),
        ...(keyId ? [eb.and([eb('subject', '=', 'key'), eb('subject_id', '=', keyId)])] : []),
      ]),
    )
    .execute();
  const found: { key?: LimitOverride; user?: LimitOverride } = {};
  for (const row of rows) found[row.subject] = { requestsPerMinute: row.requests_per_minute, tokensPerMinute: row.tokens_per_minute };
  return found;
}
