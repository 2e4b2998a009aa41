/**
 * The limit math, shared by both stores (the Redis script repeats only the admission test).
 *
 * A sliding-window counter (the two-bucket approximation Cloudflare and nginx-plus use): each
 * counter keeps the total of the current fixed minute and of the previous one, and its load is
 * `previous * (share of the sliding minute still overlapping the previous bucket) + current`.
 * Chosen over GCRA because the same counter serves requests (cost 1) and tokens (cost = the
 * reservation), and a token reservation must be corrected after the call: here that is adding
 * a delta to the bucket it was taken from, while GCRA's single timestamp cannot tell which part
 * of it a late refund belongs to. Two integers per counter, O(1) per decision, and a burst
 * of N concurrent requests against a limit of N admits exactly N.
 */
export const windowMs = 60_000;

/** One counter as a decision reads it, before this request's cost is added. */
export interface Buckets {
  previous: number;
  current: number;
}

/** The load of a counter `elapsedMs` into its current bucket. */
export function load(buckets: Buckets, elapsedMs: number): number {
  return (buckets.previous * (windowMs - elapsedMs)) / windowMs + buckets.current;
}

export function admits(limit: number, cost: number, buckets: Buckets, elapsedMs: number): boolean {
  return load(buckets, elapsedMs) + cost <= limit;
}

/**
 * How long until `cost` more would be admitted. The previous bucket decays linearly; when the
 * current bucket alone leaves no room, the wait runs into the next minute, where today's count
 * becomes the decaying one. A cost above the limit never fits: one whole window is the answer.
 */
export function waitMs(limit: number, cost: number, buckets: Buckets, elapsedMs: number): number {
  const { previous, current } = buckets;
  if (cost > limit) return windowMs;
  if (admits(limit, cost, buckets, elapsedMs)) return 0;
  if (current + cost <= limit) return Math.max(0, windowMs - elapsedMs - (windowMs * (limit - current - cost)) / previous);
  const intoNext = current === 0 ? 0 : windowMs - (windowMs * (limit - cost)) / current;
  return windowMs - elapsedMs + Math.max(0, intoNext);
}

/** What the client is told about one counter after a decision. */
export interface CounterReport {
  limit: number;
  remaining: number;
  /** Epoch ms at which the current bucket ends and its count starts to decay. */
  resetAtMs: number;
  /** 0 when admitted. */
  retryAfterMs: number;
}

export function report(limit: number, cost: number, buckets: Buckets, nowMs: number, admitted: boolean): CounterReport {
  const elapsedMs = nowMs % windowMs;
  const used = load(buckets, elapsedMs) + (admitted ? cost : 0);
  const retryAfterMs = admitted ? 0 : waitMs(limit, cost, buckets, elapsedMs);
  const windowEnd = nowMs - elapsedMs + windowMs;
  return { limit, remaining: Math.max(0, Math.floor(limit - used)), resetAtMs: Math.max(windowEnd, nowMs + retryAfterMs), retryAfterMs };
}
