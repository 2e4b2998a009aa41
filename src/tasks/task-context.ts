import type { Principal } from '../auth/principal.js';
import type { TaskType } from '../contract/task-types.js';
import type { LedgerWriter } from '../billing/ledger-writer.js';
import type { PriceBook } from '../billing/price-book.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import type { ProviderBreakers } from '../routing/circuit-breaker.js';
import type { ModelResolver } from '../routing/model-resolver.js';
import type { RetryPolicy } from './run-attempts.js';

/** What a task handler needs from the gateway; built once per app. */
export interface TaskServices {
  resolver: ModelResolver;
  priceBook: PriceBook;
  ledger: LedgerWriter;
  /** The model a request gets when it names none, per task. */
  defaultModels: Readonly<Record<TaskType, string>>;
  upstreamTimeoutMs: number;
  /** Longest wait for a stream's first event (time to first token). */
  firstTokenTimeoutMs: number;
  breakers: ProviderBreakers;
  metrics: GatewayMetrics;
  retryPolicy: RetryPolicy;
}

/** One request as a task handler sees it. */
export interface TaskContext {
  services: TaskServices;
  principal: Principal;
  inferenceId: string;
  /** Aborted when the client disconnects. */
  signal: AbortSignal;
  /** performance.now() when the request arrived, for the usage row's latency. */
  startedAt: number;
}
