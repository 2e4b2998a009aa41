import type { LedgerWriter } from '../billing/ledger-writer.js';
import type { PriceBook } from '../billing/price-book.js';
import type { Config } from '../config.js';
import { createMetrics } from '../observability/metrics.js';
import { recordSettled } from '../observability/settled-metrics.js';
import type { ProviderAdapter } from '../providers/spec/index.js';
import type { PipelineServices } from '../routing/call-context.js';
import { ProviderBreakers } from '../routing/circuit-breaker.js';
import { defaultModels, embeddedCatalog } from '../catalog/model-catalog.js';
import type { ModelMappings } from '../routing/model-mappings.js';
import { ModelResolver } from '../routing/model-resolver.js';
import { noHooks } from '../routing/call-context.js';

/** Backoff between retries on one provider: jittered exponential from 100 ms, at most 2 s. */
const RETRY_BASE_DELAY_MS = 100;
const RETRY_MAX_DELAY_MS = 2_000;

/** The pipeline's services: resolution over the configured adapters, breakers, retries, metrics and billing. */
export function createPipeline(
  config: Config,
  parts: { adapters: ReadonlyMap<string, ProviderAdapter>; mappings: ModelMappings; priceBook: PriceBook; ledger: LedgerWriter },
): PipelineServices {
  const { adapters, mappings, priceBook, ledger } = parts;
  const breakers = new ProviderBreakers({ failureThreshold: config.CIRCUIT_FAILURE_THRESHOLD, cooldownMs: config.CIRCUIT_COOLDOWN_MS });
  const resolver = new ModelResolver(embeddedCatalog, adapters, mappings, {
    price: (modelId, provider) => priceBook.lookup(modelId, provider)?.outputNanoUsdPerMillion,
    latency: (provider) => breakers.for(provider).latencyMs,
  });
  const metrics = createMetrics({ ledger, circuitState: (provider) => breakers.for(provider).state, providers: [...adapters.keys()] });
  const hooks = noHooks();
  hooks.afterSettlement.push((_context, settled) =>
    recordSettled(metrics, {
      ...settled,
      model: settled.model.id,
      inputTokens: settled.usage.inputTokens,
      outputTokens: settled.usage.outputTokens,
    }),
  );
  return {
    resolver,
    priceBook,
    ledger,
    breakers,
    metrics,
    defaultModels,
    upstreamTimeoutMs: config.UPSTREAM_TIMEOUT_MS,
    firstTokenTimeoutMs: config.UPSTREAM_FIRST_TOKEN_TIMEOUT_MS,
    streamIdleTimeoutMs: config.STREAM_IDLE_TIMEOUT_MS,
    streamMaxDurationMs: config.STREAM_MAX_DURATION_MS,
    retryPolicy: {
      attemptsPerProvider: config.RETRY_ATTEMPTS_PER_PROVIDER,
      baseDelayMs: RETRY_BASE_DELAY_MS,
      maxDelayMs: RETRY_MAX_DELAY_MS,
      maxRetryAfterMs: config.RETRY_MAX_WAIT_MS,
    },
    hooks,
  };
}
