import { GatewayError } from '../errors.js';
import { withOverride, type LimitKind, type LimitLevel, type LimitOverride, type LimitReport, type Limits, type RateLimitState } from './limits.js';
import type { CounterCharge, RateLimitStore } from './rate-limit-store.js';
import { report, type CounterReport } from './sliding-window.js';

/** Who a call counts against; no key id for the local control token (it has no key level). */
export interface LimitSubject {
  apiKeyId: string | undefined;
  userId: string;
}

/** Per-key and per-user limits set through the admin API. */
export interface LimitOverrideSource {
  overridesFor(subject: LimitSubject): Promise<{ key?: LimitOverride | undefined; user?: LimitOverride | undefined }>;
}

export type Admission =
  | {
      admitted: true;
      state: RateLimitState;
      /** Corrects the token reservation to the real count (best effort). */ settle(actualTokens: number): Promise<void>;
    }
  | { admitted: false; state: RateLimitState; error: GatewayError };

interface Counter extends CounterCharge {
  level: LimitLevel;
  kind: LimitKind;
}

/**
 * Decides whether a call may go upstream: one request and its estimated tokens, against the
 * key's, the user's and the global limits, requests and tokens per minute, in one atomic store
 * decision (all counters are charged or none). A refused call charges nothing.
 */
export class RateLimiter {
  constructor(
    private readonly store: RateLimitStore,
    private readonly defaults: Readonly<Record<LimitLevel, Limits>>,
    private readonly overrides: LimitOverrideSource,
  ) {}

  async admit(subject: LimitSubject, estimatedTokens: number): Promise<Admission> {
    const counters = await this.countersFor(subject, Math.max(0, Math.ceil(estimatedTokens)));
    if (counters.length === 0) return { admitted: true, state: {}, settle: () => Promise.resolve() };
    const decision = await this.store.decide(counters);
    const reports = counters.map((counter, index) => report(counter.limit, counter.cost, decision.buckets[index]!, decision.nowMs, decision.admitted));
    const state = tightest(counters, reports);
    if (!decision.admitted) {
      // Every counter must have room: the one that frees up last is the one to report.
      const index = reports.reduce((longest, each, at) => (each.retryAfterMs > reports[longest]!.retryAfterMs ? at : longest), 0);
      const refused = counters[index]!;
      const refusedReport = reports[index]!;
      state[refused.kind] = toLimitReport(refused, refusedReport);
      return { admitted: false, state, error: refusal(refused, refusedReport) };
    }
    const tokenCounters = counters.filter((counter) => counter.kind === 'tokens');
    const reserved = tokenCounters[0]?.cost ?? 0;
    return {
      admitted: true,
      state,
      settle: async (actualTokens) => {
        const delta = Math.round(actualTokens) - reserved;
        if (tokenCounters.length > 0 && delta !== 0)
          await decision.adjust(
            tokenCounters.map((counter) => counter.id),
            delta,
          );
      },
    };
  }

  private async countersFor(subject: LimitSubject, tokens: number): Promise<Counter[]> {
    const hasOwnLimits = subject.apiKeyId !== undefined || this.defaults.user.requestsPerMinute > 0 || this.defaults.user.tokensPerMinute > 0;
    const overrides = hasOwnLimits ? await this.overrides.overridesFor(subject) : {};
    const levels: [LimitLevel, string | undefined, Limits][] = [
      ['key', subject.apiKeyId, withOverride(this.defaults.key, overrides.key)],
      ['user', subject.userId, withOverride(this.defaults.user, overrides.user)],
      ['global', 'all', this.defaults.global],
    ];
    const counters: Counter[] = [];
    for (const [level, id, limits] of levels) {
      if (id === undefined) continue;
      if (limits.requestsPerMinute > 0) counters.push({ level, kind: 'requests', id: `${level}:${id}:requests`, limit: limits.requestsPerMinute, cost: 1 });
      if (limits.tokensPerMinute > 0) counters.push({ level, kind: 'tokens', id: `${level}:${id}:tokens`, limit: limits.tokensPerMinute, cost: tokens });
    }
    return counters;
  }
}

/** Of each kind, the counter with the least room left (ties: the narrowest level). */
function tightest(counters: readonly Counter[], reports: readonly CounterReport[]): RateLimitState {
  const state: RateLimitState = {};
  counters.forEach((counter, index) => {
    const candidate = toLimitReport(counter, reports[index]!);
    const best = state[counter.kind];
    if (!best || candidate.remaining < best.remaining) state[counter.kind] = candidate;
  });
  return state;
}

function toLimitReport(counter: Counter, counterReport: CounterReport): LimitReport {
  return { level: counter.level, limit: counter.limit, remaining: counterReport.remaining, resetAt: Math.ceil(counterReport.resetAtMs / 1000) };
}

function refusal(counter: Counter, counterReport: CounterReport): GatewayError {
  const retryAfter = Math.max(1, Math.ceil(counterReport.retryAfterMs / 1000));
  const perMinute = `${counter.limit} ${counter.kind} per minute`;
  const reason =
    counter.cost > counter.limit
      ? `This request needs ${counter.cost} tokens, more than the ${counter.level} limit of ${perMinute}; lower max_tokens.`
      : `The ${counter.level} limit of ${perMinute} is reached; retry in ${retryAfter} s.`;
  return new GatewayError('rate_limited', 'Rate limit exceeded', reason, {
    headers: { 'Retry-After': String(retryAfter) },
    facts: { limit_level: counter.level, limit_kind: counter.kind },
  });
}
