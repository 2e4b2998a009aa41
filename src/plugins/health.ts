import type { z } from 'zod';
import type { KeyCache } from '../auth/key-cache.js';
import type { PriceRefresher } from '../billing/live-prices/price-refresher.js';
import type { healthOutputSchema } from '../contract/health.js';
import { providerIds } from '../providers/registry.js';
import type { ProviderAdapter } from '../providers/spec/index.js';
import type { RateLimitStoreMode } from '../ratelimit/rate-limit-store.js';
import type { PipelineServices } from '../routing/call-context.js';
import type { ModelMappings } from '../routing/model-mappings.js';

type Health = z.infer<typeof healthOutputSchema>;

/** A provider's circuit, as /health reports it. */
const breakerHealth = { closed: 'healthy', 'half-open': 'degraded', open: 'down' } as const;

/** `/health` (liveness, in the Gatewayz document's shape): every provider of the table, configured or not. */
export function healthReporter(parts: {
  keyCache: KeyCache;
  adapters: ReadonlyMap<string, ProviderAdapter>;
  pipeline: PipelineServices;
  mappings: ModelMappings;
  priceRefresher: PriceRefresher;
  rateLimitStore: () => RateLimitStoreMode;
}): () => Health {
  const { keyCache, adapters, pipeline, mappings, priceRefresher, rateLimitStore } = parts;
  const startedAt = Date.now();
  return () => {
    const providerStatus: Health['provider_status'] = {};
    const status = (id: string) => breakerHealth[pipeline.breakers.for(id).state];
    for (const id of providerIds) providerStatus[id] = adapters.has(id) ? status(id) : 'unconfigured';
    if (adapters.has('simulator')) providerStatus.simulator = status('simulator');
    const rateLimits = rateLimitStore();
    const degraded = pipeline.ledger.failing || priceRefresher.failing || !keyCache.databaseReachable || rateLimits === 'local-fallback';
    return {
      // Degraded, still serving: rows retried, last good prices, known keys from memory, limits per instance.
      status: degraded ? 'degraded' : 'healthy',
      uptime: Math.floor((Date.now() - startedAt) / 1000),
      models_cached: pipeline.resolver.catalog.length + mappings.size,
      provider_status: providerStatus,
      price_refresh: priceRefresher.statuses,
      rate_limits: rateLimits,
    };
  };
}
