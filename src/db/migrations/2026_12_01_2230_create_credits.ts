import { sql, type Kysely } from 'kysely';

// Frozen: a released migration is never edited; later changes get a new file.
export async function up(db: Kysely<unknown>): Promise<void> {
  // A user's money. balance = grants - settled usage, always (kept by the ledger's commits);
  // reserved = what admitted calls in flight may still cost. available = balance - reserved.
  await db.schema
    .createTable('credit_accounts')
    .addColumn('user_id', 'text', (column) => column.primaryKey())
    .addColumn('balance_nano_usd', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('reserved_nano_usd', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('unlimited', 'boolean', (column) => column.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();

  // Every grant and adjustment, as a row of its own: who, how much, why, when.
  await db.schema
    .createTable('credit_grants')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'text', (column) => column.notNull())
    .addColumn('amount_nano_usd', 'bigint', (column) => column.notNull())
    .addColumn('reason', 'text', (column) => column.notNull())
    .addColumn('granted_by', 'text', (column) => column.notNull())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('credit_grants_user').on('credit_grants').columns(['user_id', 'created_at']).execute();

  // A key's own spend limits (null: none), and its spending per period ('total' or a UTC day).
  await db.schema.alterTable('api_keys').addColumn('spend_limit_total_nano_usd', 'bigint').execute();
  await db.schema.alterTable('api_keys').addColumn('spend_limit_daily_nano_usd', 'bigint').execute();
  await db.schema
    .createTable('key_spend')
    .addColumn('api_key_id', 'uuid', (column) => column.notNull())
    .addColumn('period', 'text', (column) => column.notNull())
    .addColumn('spent_nano_usd', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('reserved_nano_usd', 'bigint', (column) => column.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('key_spend_pk', ['api_key_id', 'period'])
    .execute();

  // Admitted calls not yet settled. Settled (deleted) in the same commit as the call's usage row;
  // a dead instance's are released by the living (see billing/credits.ts).
  await db.schema
    .createTable('credit_reservations')
    .addColumn('request_id', 'uuid', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.notNull())
    .addColumn('api_key_id', 'uuid')
    .addColumn('day', 'text', (column) => column.notNull())
    .addColumn('amount_nano_usd', 'bigint', (column) => column.notNull())
    .addColumn('instance_id', 'text', (column) => column.notNull())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('credit_reservations_instance').on('credit_reservations').column('instance_id').execute();

  // Gateway processes alive, by heartbeat: a stale one's reservations are released.
  await db.schema
    .createTable('gateway_instances')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('heartbeat_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();

  // What a provider says the call cost (OpenRouter's usage.cost), beside ours, for reconciliation.
  await db.schema.alterTable('usage').addColumn('provider_cost_nano_usd', 'bigint').execute();
  await db.schema.createIndex('usage_created').on('usage').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('usage').dropColumn('provider_cost_nano_usd').execute();
  for (const table of ['gateway_instances', 'credit_reservations', 'key_spend', 'credit_grants', 'credit_accounts']) await db.schema.dropTable(table).execute();
  await db.schema.alterTable('api_keys').dropColumn('spend_limit_daily_nano_usd').execute();
  await db.schema.alterTable('api_keys').dropColumn('spend_limit_total_nano_usd').execute();
}
