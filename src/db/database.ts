import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable } from 'kysely';

/** int8 comes back as bigint from both drivers (see open-database.ts); writes accept strings too. */
type Int8 = ColumnType<bigint, bigint | string, bigint | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface UsersTable {
  id: string;
  created_at: CreatedAt;
}

export interface ApiKeysTable {
  id: Generated<string>;
  user_id: string;
  name: string | null;
  key_hash: string;
  key_prefix: string;
  scopes: string[];
  created_at: CreatedAt;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  spend_limit_total_nano_usd: ColumnType<bigint | null, bigint | string | null | undefined, bigint | string | null>;
  spend_limit_daily_nano_usd: ColumnType<bigint | null, bigint | string | null | undefined, bigint | string | null>;
}

export interface CreditAccountsTable {
  user_id: string;
  balance_nano_usd: ColumnType<bigint, bigint | string | undefined, bigint | string>;
  reserved_nano_usd: ColumnType<bigint, bigint | string | undefined, bigint | string>;
  unlimited: ColumnType<boolean, boolean | undefined, boolean>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CreditGrantsTable {
  id: Generated<string>;
  user_id: string;
  amount_nano_usd: Int8;
  reason: string;
  granted_by: string;
  created_at: CreatedAt;
}

export interface KeySpendTable {
  api_key_id: string;
  /** 'total', or a UTC day 'YYYY-MM-DD'. */
  period: string;
  spent_nano_usd: ColumnType<bigint, bigint | string | undefined, bigint | string>;
  reserved_nano_usd: ColumnType<bigint, bigint | string | undefined, bigint | string>;
}

export interface CreditReservationsTable {
  request_id: string;
  user_id: string;
  api_key_id: string | null;
  day: string;
  amount_nano_usd: Int8;
  instance_id: string;
  created_at: CreatedAt;
}

export interface GatewayInstancesTable {
  id: string;
  heartbeat_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ModelMappingsTable {
  id: Generated<string>;
  hub_model_id: string;
  provider_model_id: string;
  task_type: string;
  /** JSON text on write (portable across pg and PGlite), object on read. */
  parameters: ColumnType<Record<string, unknown>, string, string>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PricesTable {
  id: GeneratedAlways<bigint>;
  model: string;
  /** '*' when the price holds whichever provider serves the model. */
  provider: string;
  input_nano_usd_per_million: Int8;
  output_nano_usd_per_million: Int8;
  cache_read_nano_usd_per_million: Int8;
  cache_write_nano_usd_per_million: Int8;
  image_nano_usd_per_million: Int8;
  effective_from: ColumnType<Date, Date | string, never>;
  source: string;
}

export interface UsageTable {
  request_id: string;
  api_key_id: string | null;
  user_id: string;
  task: string;
  model: string;
  provider: string | null;
  provider_model: string | null;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  images: number;
  cost_nano_usd: Int8;
  price_id: ColumnType<bigint | null, bigint | string | null, never>;
  status: 'success' | 'error' | 'partial';
  http_status: number;
  latency_ms: number;
  raw_usage: ColumnType<unknown, string | null, never>;
  provider_cost_nano_usd: ColumnType<bigint | null, bigint | string | null | undefined, never>;
  created_at: CreatedAt;
}

/** A key's or a user's own rate limits; null keeps the configured default, 0 is unlimited. */
export interface RateLimitsTable {
  subject: 'key' | 'user';
  subject_id: string;
  requests_per_minute: number | null;
  tokens_per_minute: number | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface Database {
  users: UsersTable;
  api_keys: ApiKeysTable;
  model_mappings: ModelMappingsTable;
  prices: PricesTable;
  usage: UsageTable;
  credit_accounts: CreditAccountsTable;
  credit_grants: CreditGrantsTable;
  key_spend: KeySpendTable;
  credit_reservations: CreditReservationsTable;
  gateway_instances: GatewayInstancesTable;
  rate_limits: RateLimitsTable;
}

export type ApiKeyRow = Selectable<ApiKeysTable>;
export type ModelMappingRow = Selectable<ModelMappingsTable>;
export type PriceRow = Selectable<PricesTable>;
export type UsageRow = Selectable<UsageTable>;
export type RateLimitRow = Selectable<RateLimitsTable>;
export type NewUsageRow = Insertable<UsageTable>;
