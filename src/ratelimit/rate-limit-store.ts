import type { Buckets } from './sliding-window.js';

/** One counter a decision checks: a stable id (level, subject, kind), its limit per minute and this request's cost. */
export interface CounterCharge {
  id: string;
  limit: number;
  cost: number;
}

/**
 * One decision, taken atomically over every counter: either all of them are charged or none.
 * `buckets` are each counter's totals before the charge, in the order given, and `nowMs` is the
 * store's own clock (the Redis server's, so every instance agrees on which minute it is).
 */
export interface StoreDecision {
  admitted: boolean;
  nowMs: number;
  buckets: Buckets[];
  /**
   * Adds `delta` (negative: a refund) to what this decision charged these counters, in the store
   * and the minute it charged them; a bucket that has aged out is left alone.
   */
  adjust(counterIds: readonly string[], delta: number): Promise<void>;
}

export interface RateLimitStore {
  decide(charges: readonly CounterCharge[]): Promise<StoreDecision>;
}

/** Which store the decisions run on, as /health reports it. */
export type RateLimitStoreMode = 'memory' | 'redis' | 'local-fallback';
