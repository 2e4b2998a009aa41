import { sql, type Kysely } from 'kysely';

// Frozen: a released migration is never edited; later changes get a new file.
// Per-key and per-user rate limits set through the admin API; a missing row or a null column
// keeps the configured default (RATE_LIMIT_*), 0 means unlimited.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('subject', 'text', (column) => column.notNull().check(sql`subject in ('key', 'user')`))
    .addColumn('subject_id', 'text', (column) => column.notNull())
    .addColumn('requests_per_minute', 'integer', (column) => column.check(sql`requests_per_minute >= 0`))
    .addColumn('tokens_per_minute', 'integer', (column) => column.check(sql`tokens_per_minute >= 0`))
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('rate_limits_subject', ['subject', 'subject_id'])
    .execute();
}
