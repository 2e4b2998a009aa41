import { UpstreamError } from '../providers/spec/index.js';
import { GatewayError } from '../errors.js';
import { startAttempt, type AttemptDeadline } from './attempt-deadline.js';
import type { CallContext, RetryPolicy } from './call-context.js';
import type { Candidate } from './model-resolver.js';

/**
 * The routing loop every task shares. Candidates are tried in order, skipping providers whose
 * circuit is open; a retryable failure (connect, timeout, 408/409/429/5xx) is retried on the same
 * provider with jittered exponential backoff, or after its Retry-After when that is short enough,
 * then falls back to the next provider; a timeout falls back at once. Anything else ends the loop at once. Throws the last
 * failure (or a connect-kind UpstreamError when every circuit was open).
 */
export async function runAttempts<Result>(
  context: CallContext,
  candidates: readonly Candidate[],
  attempt: (candidate: Candidate, deadline: AttemptDeadline) => Promise<Result>,
  options: { keepDeadline?: boolean; timeoutMs?: number } = {},
): Promise<{ result: Result; candidate: Candidate }> {
  const { breakers, retryPolicy, metrics } = context.services;
  let failure: unknown;
  let last: Candidate | undefined;
  for (const candidate of candidates) {
    const breaker = breakers.for(candidate.adapter.id);
    for (let attemptNumber = 1; attemptNumber <= retryPolicy.attemptsPerProvider; attemptNumber++) {
      if (!breaker.tryAcquire()) break;
      last = candidate;
      const timeoutMs = options.timeoutMs ?? context.services.upstreamTimeoutMs;
      const deadline = startAttempt(context.signals, timeoutMs, `no answer within ${seconds(timeoutMs)}`);
      const started = performance.now();
      try {
        const result = await attempt(candidate, deadline).finally(() => {
          if (context.timing) context.timing.upstreamMs += performance.now() - started;
        });
        // A stream keeps its deadline until it ends; its consumer calls deadline.end().
        if (!options.keepDeadline) deadline.end();
        breaker.recordSuccess(performance.now() - started);
        metrics.upstreamAttempts.inc({ provider: candidate.adapter.id, outcome: 'success' });
        return { result, candidate };
      } catch (error) {
        deadline.end();
        failure = normalizeAbort(error, candidate.adapter.id, deadline);
        const retryable = failure instanceof UpstreamError && failure.isRetryable;
        metrics.upstreamAttempts.inc({ provider: candidate.adapter.id, outcome: retryable ? 'retryable' : 'error' });
        if (!(failure instanceof UpstreamError && failure.isRetryable)) {
          breaker.release();
          throw new AttemptsFailed(failure, candidate);
        }
        breaker.recordFailure();
        // A slow provider is likely still slow: fall back rather than wait on it again.
        if (failure.kind === 'timeout') break;
        const wait = retryDelay(failure, attemptNumber, retryPolicy);
        if (wait === undefined || attemptNumber === retryPolicy.attemptsPerProvider) break;
        await sleep(wait, context.signals.current());
      }
    }
  }
  failure ??= circuitOpen(candidates, context);
  throw new AttemptsFailed(failure, last);
}

/** The loop's final failure, with the candidate it happened on (for the usage row). */
export class AttemptsFailed extends Error {
  constructor(
    readonly failure: unknown,
    readonly candidate: Candidate | undefined,
  ) {
    super('Every attempt failed', { cause: failure });
  }
}

/** Undefined means: do not wait on this provider, move to the next. */
function retryDelay(failure: UpstreamError, attemptNumber: number, policy: RetryPolicy): number | undefined {
  if (failure.retryAfterMs !== undefined) return failure.retryAfterMs <= policy.maxRetryAfterMs ? failure.retryAfterMs : undefined;
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptNumber - 1));
  return exponential / 2 + Math.random() * (exponential / 2);
}

/** An abort from our own deadline is a timeout (retryable), saying which deadline; one from the client is not. */
export function normalizeAbort(error: unknown, provider: string, deadline: AttemptDeadline): unknown {
  if (!(error instanceof UpstreamError) || error.kind !== 'aborted') return error;
  const reason = deadline.expiredReason();
  return reason === undefined ? error : new UpstreamError({ provider, kind: 'timeout', message: reason, cause: error });
}

/** Every candidate's circuit is open: nothing was sent. Says so, and when the first one probes again. */
function circuitOpen(candidates: readonly Candidate[], context: CallContext): GatewayError {
  const providers = candidates.map((candidate) => candidate.adapter.id);
  const retryInMs = Math.min(...providers.map((provider) => context.services.breakers.for(provider).reopensInMs));
  return new GatewayError(
    'upstream_error',
    'Circuit open',
    `Every provider for this model failed repeatedly and is paused (circuit open: ${providers.join(', ')}); try again in ${seconds(retryInMs)}.`,
    { headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryInMs / 1000))) } },
  );
}

export function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
