import { z } from 'zod';
import { configuredProviders, providerEnvironmentShape } from './providers/provider-environment.js';

/**
 * The gateway's whole configuration, parsed from the environment once at startup. Nothing else
 * reads `process.env`: a wrong value stops startup here with a message naming the variable.
 */
const booleanText = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const perMinute = z.coerce.number().int().min(0).max(2_000_000_000);

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  // Where clients reach the gateway (e.g. https://api.example.com), for links in responses; unset: the request's Host.
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  // Shared by every instance: rate-limit counters and cache invalidations (pub/sub). Unset: limits
  // counted per process in memory, invalidations over Postgres LISTEN/NOTIFY.
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  // Gateway processes behind one port (node:cluster): a number, or `auto` for one per core. Unset: one process.
  WORKERS: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(256)]).optional(),
  // How long startup waits for an unreachable database (with backoff) before exiting.
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  DATA_DIR: z.string().min(1).default('./data'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 * 1024),
  // Longest time to receive a whole request (headers and body; not the response, so streams are unaffected). 0: no limit.
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  LEDGER_MODE: z.enum(['durable', 'async']).default('durable'),
  // enforce: every call reserves its maximum cost against the user's credits (402 when short);
  // users marked unlimited (the first admin) are not limited. off: nothing is reserved.
  CREDITS: z.enum(['enforce', 'off']).default('enforce'),
  // The output bound of a reservation when a request names no max_tokens (and is then sent upstream).
  DEFAULT_MAX_OUTPUT_TOKENS: z.coerce.number().int().positive().max(262_144).default(4096),
  INSTANCE_HEARTBEAT_MS: z.coerce.number().int().positive().default(5_000),
  KEY_CACHE_TTL_MS: z.coerce.number().int().min(0).default(10_000),
  // A non-streamed attempt's deadline. Streams have none as a whole: they end when idle for
  // STREAM_IDLE_TIMEOUT_MS between events, or after STREAM_MAX_DURATION_MS in all.
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
  STREAM_IDLE_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  STREAM_MAX_DURATION_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * 60 * 1000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
  UPSTREAM_FIRST_TOKEN_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  RETRY_ATTEMPTS_PER_PROVIDER: z.coerce.number().int().min(1).max(10).default(2),
  RETRY_MAX_WAIT_MS: z.coerce.number().int().min(0).default(10_000),
  CIRCUIT_FAILURE_THRESHOLD: z.coerce.number().int().min(1).default(5),
  CIRCUIT_COOLDOWN_MS: z.coerce.number().int().min(0).default(30_000),
  PRICE_REFRESH_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(6 * 60 * 60 * 1000),
  // Requests and tokens per minute per key, per user (all its keys) and for the whole gateway; 0: unlimited.
  // Keys and users get their own through the admin API. The global default only stops a runaway.
  RATE_LIMIT_KEY_RPM: perMinute.default(0),
  RATE_LIMIT_KEY_TPM: perMinute.default(0),
  RATE_LIMIT_USER_RPM: perMinute.default(0),
  RATE_LIMIT_USER_TPM: perMinute.default(0),
  RATE_LIMIT_GLOBAL_RPM: perMinute.default(1_000_000),
  RATE_LIMIT_GLOBAL_TPM: perMinute.default(0),
  SIMULATOR: z.enum(['auto', 'on', 'off']).default('auto'),
  SIMULATOR_LATENCY_MS: z.coerce.number().int().min(0).default(0),
  // Every provider's variables (<PREFIX>_API_KEY, <PREFIX>_BASE_URL, extras), from the provider table.
  ...providerEnvironmentShape,
  TRUST_PROXY: booleanText.default(false),
});

export type Config = z.infer<typeof environmentSchema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const result = environmentSchema.safeParse(environment);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
}

/** On when asked for, or (`auto`) when no provider is configured outside production. */
export function simulatorEnabled(config: Config): boolean {
  if (config.SIMULATOR !== 'auto') return config.SIMULATOR === 'on';
  return configuredProviders(config).length === 0 && config.NODE_ENV !== 'production';
}
