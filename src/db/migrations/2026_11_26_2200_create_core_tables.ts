import { sql, type Kysely } from 'kysely';

// Frozen: a released migration is never edited; later changes get a new file.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id'))
    .addColumn('name', 'text')
    .addColumn('key_hash', 'text', (column) => column.notNull().unique())
    .addColumn('key_prefix', 'text', (column) => column.notNull())
    .addColumn('scopes', sql`text[]`, (column) => column.notNull())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('api_keys_user_id').on('api_keys').column('user_id').execute();

  await db.schema
    .createTable('model_mappings')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('hub_model_id', 'text', (column) => column.notNull())
    .addColumn('provider_model_id', 'text', (column) => column.notNull())
    .addColumn('task_type', 'text', (column) => column.notNull())
    .addColumn('parameters', 'jsonb', (column) => column.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('model_mappings_hub_task', ['hub_model_id', 'task_type'])
    .execute();

  await db.schema
    .createTable('prices')
    .addColumn('id', 'bigint', (column) => column.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('model', 'text', (column) => column.notNull())
    .addColumn('provider', 'text', (column) => column.notNull())
    .addColumn('input_nano_usd_per_million', 'bigint', (column) => column.notNull())
    .addColumn('output_nano_usd_per_million', 'bigint', (column) => column.notNull())
    .addColumn('cache_read_nano_usd_per_million', 'bigint', (column) => column.notNull())
    .addColumn('cache_write_nano_usd_per_million', 'bigint', (column) => column.notNull())
    .addColumn('image_nano_usd_per_million', 'bigint', (column) => column.notNull())
    .addColumn('effective_from', 'timestamptz', (column) => column.notNull())
    .addColumn('source', 'text', (column) => column.notNull())
    .addUniqueConstraint('prices_model_provider_effective', ['model', 'provider', 'effective_from'])
    .execute();

  await db.schema
    .createTable('usage')
    .addColumn('request_id', 'uuid', (column) => column.primaryKey())
    .addColumn('api_key_id', 'uuid')
    .addColumn('user_id', 'text', (column) => column.notNull())
    .addColumn('task', 'text', (column) => column.notNull())
    .addColumn('model', 'text', (column) => column.notNull())
    .addColumn('provider', 'text')
    .addColumn('provider_model', 'text')
    .addColumn('input_tokens', 'integer', (column) => column.notNull())
    .addColumn('output_tokens', 'integer', (column) => column.notNull())
    .addColumn('cache_read_tokens', 'integer', (column) => column.notNull())
    .addColumn('cache_write_tokens', 'integer', (column) => column.notNull())
    .addColumn('images', 'integer', (column) => column.notNull())
    .addColumn('cost_nano_usd', 'bigint', (column) => column.notNull())
    .addColumn('price_id', 'bigint')
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('http_status', 'integer', (column) => column.notNull())
    .addColumn('latency_ms', 'integer', (column) => column.notNull())
    .addColumn('raw_usage', 'jsonb')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('usage_user_created').on('usage').columns(['user_id', 'created_at desc']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['usage', 'prices', 'model_mappings', 'api_keys', 'users']) {
    await db.schema.dropTable(table).execute();
  }
}
