/** The three levels, narrowest first: one key, all of a user's keys, the whole gateway. */
export const limitLevels = ['key', 'user', 'global'] as const;
export type LimitLevel = (typeof limitLevels)[number];
export type LimitKind = 'requests' | 'tokens';

/** Per minute; 0 means unlimited. */
export interface Limits {
  requestsPerMinute: number;
  tokensPerMinute: number;
}

/** A key's or a user's own limits; null keeps the configured default. */
export interface LimitOverride {
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
}

/** One counter as the client is told about it (the HTTP layer turns it into X-RateLimit-* headers). */
export interface LimitReport {
  level: LimitLevel;
  limit: number;
  remaining: number;
  /** Epoch seconds. */
  resetAt: number;
}

/** The tightest counter of each kind after a decision; absent when no level limits that kind. */
export interface RateLimitState {
  requests?: LimitReport;
  tokens?: LimitReport;
}

export function withOverride(defaults: Limits, override: LimitOverride | undefined): Limits {
  return {
    requestsPerMinute: override?.requestsPerMinute ?? defaults.requestsPerMinute,
    tokensPerMinute: override?.tokensPerMinute ?? defaults.tokensPerMinute,
  };
}
