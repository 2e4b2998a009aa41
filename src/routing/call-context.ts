import type { Principal } from '../auth/principal.js';
import type { LedgerWriter } from '../billing/ledger-writer.js';
import type { PriceBook } from '../billing/price-book.js';
import type { CatalogModel } from '../catalog/model-catalog.js';
import type { TaskType } from '../contract/task-types.js';
import type { Usage } from '../providers/spec/index.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import type { RateLimitState } from '../ratelimit/limits.js';
import type { AttemptSignals } from './attempt-deadline.js';
import type { ProviderBreakers } from './circuit-breaker.js';
import type { Call } from './call.js';
import type { Candidate, ModelResolver } from './model-resolver.js';

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
  /** The upstream attempts' signals; the HTTP layer calls `clientGone()` when the client disconnects. */
  signals: AttemptSignals;
  /** performance.now() when the request arrived, for the usage row's latency. */
  startedAt: number;
  /** Time spent waiting on upstreams, summed over attempts (streams: to the first event), for Server-Timing and the metrics. */
  timing?: UpstreamTiming;
  /** Told which provider each attempt goes to (the HTTP layer marks simulated answers). */
  served?: (provider: string) => void;
  /** Told the billed cost once a successful call's row has committed (the HTTP layer's cost header). */
  costed?: (costNanoUsd: bigint) => void;
  /**
   * Set by a beforeForwarding hook (the credit reservation) when the caller named no max_tokens:
   * the pipeline sends it upstream, so the reserved maximum really is the maximum.
   */
  outputTokenCap?: number;
  /** Told the rate-limit state once the limits decided (admitted or not); the HTTP layer turns it into headers. */
  limits?: (state: RateLimitState) => void;
}

export interface UpstreamTiming {
  upstreamMs: number;
}

export interface RetryPolicy {
  /** Attempts on one provider before falling back to the next. */
  attemptsPerProvider: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A longer Retry-After than this moves on to the next provider instead of waiting. */
  maxRetryAfterMs: number;
}

/** A call about to be forwarded: resolved, with its candidates in order, nothing sent yet. */
export interface ForwardingPlan {
  call: Call;
  model: CatalogModel;
  candidates: readonly Candidate[];
  /** The Hub mapping's parameters, which build each candidate's request with `call.request`. */
  defaults: Readonly<Record<string, unknown>>;
}

/** A call whose usage row has committed. */
export interface SettledCall {
  task: TaskType;
  model: CatalogModel;
  provider: string | undefined;
  usage: Usage;
  costNanoUsd: bigint;
  httpStatus: number;
  /** From the request's arrival to settlement. */
  totalMs: number;
  /** Waiting on upstreams (summed over attempts; a stream's: to its first event); undefined when nothing was sent. */
  upstreamMs: number | undefined;
  streamed: boolean;
}

/**
 * The pipeline's two extension points. `beforeForwarding` runs after resolution and before the
 * first upstream attempt (rate limits and credit reservations go here): throwing a GatewayError
 * refuses the call, and nothing is forwarded or billed. `afterSettlement` runs once the call's
 * usage row has committed, success or not.
 */
export interface PipelineHooks {
  /** A hook that holds something (a rate-limit slot) returns how to give it back if a later hook refuses the call. */
  beforeForwarding: ((context: CallContext, plan: ForwardingPlan) => void | Undo | Promise<void | Undo>)[];
  afterSettlement: ((context: CallContext, settled: SettledCall) => void)[];
}

/** Gives back what a beforeForwarding hook took, when a later hook refused the call. */
export type Undo = () => void;

export function noHooks(): PipelineHooks {
  return { beforeForwarding: [], afterSettlement: [] };
}
