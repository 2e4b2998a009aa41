import type { Kysely } from 'kysely';
import { KeyCache } from './auth/key-cache.js';
import { LedgerWriter } from './billing/ledger-writer.js';
import { PriceBook, seedEmbeddedPrices } from './billing/price-book.js';
import type { Config } from './config.js';
import type { z } from 'zod';
import type { healthOutputSchema } from './contract/health.js';
import type { Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { providerFactories } from './providers/provider-environment.js';
import type { ProviderAdapter } from './providers/spec/index.js';
import { defaultModels, embeddedCatalog } from './routing/model-catalog.js';
import { ModelMappings, seedDefaultMappings } from './routing/model-mappings.js';
import { ModelResolver } from './routing/model-resolver.js';
import { ProviderBreakers } from './routing/circuit-breaker.js';
import { createMetrics } from './observability/metrics.js';
import { parseOpenRouterCatalog, parseTogetherCatalog } from './billing/live-prices/catalog-prices.js';
import { PriceRefresher, type PriceSource } from './billing/live-prices/price-refresher.js';
import { togetherBaseUrl } from './providers/together/adapter.js';
import type { TaskServices } from './tasks/task-context.js';

type Health = z.infer<typeof healthOutputSchema>;

/** Everything routes need, built once per process from configuration and an open database. */
export interface AppServices {
  config: Config;
  db: Kysely<Database>;
  keyCache: KeyCache;
  mappings: ModelMappings;
  tasks: TaskServices;
  adapters: ReadonlyMap<string, ProviderAdapter>;
  priceRefresher: PriceRefresher;
  /** Lets local tools (npm run keys) act as admin on this process; undefined on Postgres. */
  controlToken: string | undefined;
  health(): Health;
}

/** Migrations and the embedded seed data; safe to run on every start. */
export async function prepareDatabase(db: Kysely<Database>): Promise<void> {
  await migrateToLatest(db);
  await seedEmbeddedPrices(db);
  await seedDefaultMappings(db);
}

export async function createServices(options: {
  config: Config;
  db: Kysely<Database>;
  adapters: ReadonlyMap<string, ProviderAdapter>;
  controlToken?: string;
  onLedgerError: (error: unknown, rows: number) => void;
}): Promise<AppServices> {
  const { config, db, adapters } = options;
  const mappings = new ModelMappings(db);
  await mappings.load();
  const breakers = new ProviderBreakers({ failureThreshold: config.CIRCUIT_FAILURE_THRESHOLD, cooldownMs: config.CIRCUIT_COOLDOWN_MS });
  const priceBook = await PriceBook.load(db);
  const resolver = new ModelResolver(embeddedCatalog, adapters, mappings, {
    price: (modelId, provider) => priceBook.lookup(modelId, provider)?.outputNanoUsdPerMillion,
    latency: (provider) => breakers.for(provider).latencyMs,
  });
  const ledger = new LedgerWriter(db, { mode: config.LEDGER_MODE, onFlushError: options.onLedgerError });
  const metrics = createMetrics({ ledger, breakers, providers: [...adapters.keys()] });
  const tasks: TaskServices = {
    resolver,
    priceBook,
    ledger,
    metrics,
    defaultModels,
    upstreamTimeoutMs: config.UPSTREAM_TIMEOUT_MS,
    firstTokenTimeoutMs: config.UPSTREAM_FIRST_TOKEN_TIMEOUT_MS,
    breakers,
    retryPolicy: { attemptsPerProvider: config.RETRY_ATTEMPTS_PER_PROVIDER, baseDelayMs: 100, maxDelayMs: 2_000, maxRetryAfterMs: config.RETRY_MAX_WAIT_MS },
  };
  const priceRefresher = new PriceRefresher(db, priceBook, embeddedCatalog, priceSources(config, adapters));
  const startedAt = Date.now();
  return {
    config,
    db,
    keyCache: new KeyCache(db, config.KEY_CACHE_TTL_MS),
    mappings,
    tasks,
    adapters,
    priceRefresher,
    controlToken: options.controlToken,
    health: () => {
      const providerStatus: Health['provider_status'] = {};
      for (const id of Object.keys(providerFactories)) providerStatus[id] = adapters.has(id) ? breakerHealth[breakers.for(id).state] : 'unconfigured';
      if (adapters.has('simulator')) providerStatus.simulator = breakerHealth[breakers.for('simulator').state];
      return {
        status: tasks.ledger.failing || priceRefresher.failing ? 'degraded' : 'healthy',
        uptime: Math.floor((Date.now() - startedAt) / 1000),
        models_cached: resolver.catalog.length + mappings.size,
        provider_status: providerStatus,
        price_refresh: priceRefresher.statuses,
      };
    },
  };
}

/** The catalogs that publish prices, for the providers that are configured. */
function priceSources(config: Config, adapters: ReadonlyMap<string, ProviderAdapter>): PriceSource[] {
  const sources: PriceSource[] = [];
  // OpenRouter's models API is public; Together's wants the key.
  if (adapters.has('openrouter')) sources.push({ provider: 'openrouter', url: `${config.OPENROUTER_BASE_URL}/models`, parse: parseOpenRouterCatalog });
  if (adapters.has('together') && config.TOGETHER_API_KEY) {
    const url = `${config.TOGETHER_BASE_URL ?? togetherBaseUrl}/models`;
    sources.push({ provider: 'together', url, headers: { authorization: `Bearer ${config.TOGETHER_API_KEY}` }, parse: parseTogetherCatalog });
  }
  return sources;
}

/** A provider's circuit, as /health reports it. */
const breakerHealth = { closed: 'healthy', 'half-open': 'degraded', open: 'down' } as const;

/** One adapter per configured provider, plus the simulator when it is to answer. */
export function createAdapters(config: Config, simulator: ProviderAdapter | undefined): Map<string, ProviderAdapter> {
  const adapters = new Map<string, ProviderAdapter>();
  for (const [id, factory] of Object.entries(providerFactories)) {
    const adapter = factory(config);
    if (adapter) adapters.set(id, adapter);
  }
  if (simulator) adapters.set(simulator.id, simulator);
  return adapters;
}
