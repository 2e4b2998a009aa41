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
  // Where clients reach the gateway (e.g. https://api.example.com), for links in responses; unset: the request's Host.
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  // How long startup waits for an unreachable database (with backoff) before exiting.
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  DATA_DIR: z.string().min(1).default('./data'),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(2 * 1024 * 1024),
  // Longest time to receive a whole request (headers and body; not the response, so streams are unaffected). 0: no limit.
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  LEDGER_MODE: z.enum(['durable', 'async']).default('durable'),
  KEY_CACHE_TTL_MS: z.coerce.number().int().min(0).default(10_000),
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
  UPSTREAM_FIRST_TOKEN_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  RETRY_ATTEMPTS_PER_PROVIDER: z.coerce.number().int().min(1).max(10).default(2),
  RETRY_MAX_WAIT_MS: z.coerce.number().int().min(0).default(10_000),
  CIRCUIT_FAILURE_THRESHOLD: z.coerce.number().int().min(1).default(5),
  CIRCUIT_COOLDOWN_MS: z.coerce.number().int().min(0).default(30_000),
  PRICE_REFRESH_INTERVAL_MS: z.coerce.number().int().min(0).default(6 * 60 * 60 * 1000),
  SIMULATOR: z.enum(['auto', 'on', 'off']).default('auto'),
  SIMULATOR_LATENCY_MS: z.coerce.number().int().min(0).default(0),
  OPENROUTER_API_KEY: optionalText,
  OPENROUTER_BASE_URL: z.url().default('https://openrouter.ai/api/v1'),
  // OpenAI-compatible providers: a key each, and a base URL only to override the adapter's default.
  PORTKEY_API_KEY: optionalText,
  PORTKEY_BASE_URL: z.url().optional(),
  // Where Portkey routes: a provider name or Model Catalog slug, or a virtual key holding both.
  PORTKEY_PROVIDER: optionalText,
  PORTKEY_VIRTUAL_KEY: optionalText,
  // The routed provider's own key, sent as `Authorization` when PORTKEY_PROVIDER names a bare provider.
  PORTKEY_PROVIDER_API_KEY: optionalText,
  FEATHERLESS_AI_API_KEY: optionalText,
  FEATHERLESS_AI_BASE_URL: z.url().optional(),
  TOGETHER_API_KEY: optionalText,
  TOGETHER_BASE_URL: z.url().optional(),
  FIREWORKS_AI_API_KEY: optionalText,
  FIREWORKS_AI_BASE_URL: z.url().optional(),
  GROQ_API_KEY: optionalText,
  GROQ_BASE_URL: z.url().optional(),
  DEEPINFRA_API_KEY: optionalText,
  DEEPINFRA_BASE_URL: z.url().optional(),
  NOVITA_API_KEY: optionalText,
  NOVITA_BASE_URL: z.url().optional(),
  CEREBRAS_API_KEY: optionalText,
  CEREBRAS_BASE_URL: z.url().optional(),
  NSCALE_API_KEY: optionalText,
  NSCALE_BASE_URL: z.url().optional(),
  MISTRAL_API_KEY: optionalText,
  MISTRAL_BASE_URL: z.url().optional(),
  DEEPSEEK_API_KEY: optionalText,
  DEEPSEEK_BASE_URL: z.url().optional(),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: z.url().optional(),
  XAI_API_KEY: optionalText,
  XAI_BASE_URL: z.url().optional(),
  // A self-hosted vLLM / Ollama / llama.cpp server, e.g. http://localhost:8000/v1; the key is optional.
  OPENAI_COMPATIBLE_BASE_URL: z.url().optional(),
  OPENAI_COMPATIBLE_API_KEY: optionalText,
  ANTHROPIC_API_KEY: optionalText,
  ANTHROPIC_BASE_URL: z.url().default('https://api.anthropic.com'),
  GOOGLE_API_KEY: optionalText,
  GOOGLE_BASE_URL: z.url().optional(),
  COHERE_API_KEY: optionalText,
  COHERE_BASE_URL: z.url().optional(),
  // Image and task providers with native protocols (hf-inference also serves TGI chat).
  HF_INFERENCE_API_KEY: optionalText,
  HF_INFERENCE_BASE_URL: z.url().optional(),
  REPLICATE_API_KEY: optionalText,
  REPLICATE_BASE_URL: z.url().optional(),
  FAL_AI_API_KEY: optionalText,
  FAL_AI_BASE_URL: z.url().optional(),
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
  return {
    openrouter: config.OPENROUTER_API_KEY,
    anthropic: config.ANTHROPIC_API_KEY,
    portkey: config.PORTKEY_API_KEY,
    'featherless-ai': config.FEATHERLESS_AI_API_KEY,
    together: config.TOGETHER_API_KEY,
    'fireworks-ai': config.FIREWORKS_AI_API_KEY,
    groq: config.GROQ_API_KEY,
    deepinfra: config.DEEPINFRA_API_KEY,
    novita: config.NOVITA_API_KEY,
    cerebras: config.CEREBRAS_API_KEY,
    nscale: config.NSCALE_API_KEY,
    mistral: config.MISTRAL_API_KEY,
    deepseek: config.DEEPSEEK_API_KEY,
    openai: config.OPENAI_API_KEY,
    xai: config.XAI_API_KEY,
    google: config.GOOGLE_API_KEY,
    cohere: config.COHERE_API_KEY,
    // A self-hosted server may need no key: its URL is what configures it.
    'openai-compatible': config.OPENAI_COMPATIBLE_BASE_URL,
  };
}

export function simulatorEnabled(config: Config): boolean {
  if (config.SIMULATOR !== 'auto') return config.SIMULATOR === 'on';
  const anyKey = Object.values(configuredProviderKeys(config)).some(Boolean);
  return !anyKey && config.NODE_ENV !== 'production';
}
