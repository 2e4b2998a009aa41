import type { Principal } from '../auth/principal.js';
import type { LedgerWriter } from '../billing/ledger-writer.js';
import type { PriceBook } from '../billing/price-book.js';
import type { TaskType } from '../contract/task-types.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import type { RetryPolicy } from './attempts.js';
import type { ProviderBreakers } from './circuit-breaker.js';
import type { PipelineHooks } from './pipeline-hooks.js';
import type { ModelResolver } from './model-resolver.js';

/** What the pipeline needs from the gateway; built once per app. */
export interface PipelineServices {
  resolver: ModelResolver;
  priceBook: PriceBook;
  ledger: LedgerWriter;
  /** The model a request gets when it names none, per task. */
  defaultModels: Readonly<Record<TaskType, string>>;
  upstreamTimeoutMs: number;
  /** Longest wait for a stream's first event (time to first token). */
  firstTokenTimeoutMs: number;
  /** A stream still delivering is never cut: it ends when idle this long between events... */
  streamIdleTimeoutMs: number;
  /** ...or after this long in all. */
  streamMaxDurationMs: number;
  breakers: ProviderBreakers;
  metrics: GatewayMetrics;
  retryPolicy: RetryPolicy;
  hooks: PipelineHooks;
}

/** One request as the pipeline (and the tasks above it) see it. */
export interface CallContext {
  services: PipelineServices;
  principal: Principal;
  inferenceId: string;
  /** Aborted when the client disconnects. */
  signal: AbortSignal;
  /** performance.now() when the request arrived, for the usage row's latency. */
  startedAt: number;
  /** Told which provider each attempt goes to (the HTTP layer marks simulated answers). */
  served?: (provider: string) => void;
}
