import { z } from 'zod';

/**
 * The gateway's whole configuration, parsed from the environment once at startup. Nothing else
 * reads `process.env`: a wrong value stops startup here with a message naming the variable.
 */
const booleanText = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const optionalText = z.string().trim().min(1).optional();

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(2 * 1024 * 1024),
  LEDGER_MODE: z.enum(['durable', 'async']).default('durable'),
  KEY_CACHE_TTL_MS: z.coerce.number().int().min(0).default(10_000),
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
  SIMULATOR: z.enum(['auto', 'on', 'off']).default('auto'),
  SIMULATOR_LATENCY_MS: z.coerce.number().int().min(0).default(0),
  OPENROUTER_API_KEY: optionalText,
  OPENROUTER_BASE_URL: z.url().default('https://openrouter.ai/api/v1'),
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

/** Which upstream providers have credentials; a provider without a key is listed as unconfigured. */
export function configuredProviderKeys(config: Config): Record<string, string | undefined> {
  return { openrouter: config.OPENROUTER_API_KEY };
}

export function simulatorEnabled(config: Config): boolean {
  if (config.SIMULATOR !== 'auto') return config.SIMULATOR === 'on';
  const anyKey = Object.values(configuredProviderKeys(config)).some(Boolean);
  return !anyKey && config.NODE_ENV !== 'production';
}
