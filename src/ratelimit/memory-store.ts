import type { CounterCharge, RateLimitStore, StoreDecision } from './rate-limit-store.js';
import { admits, windowMs, type Buckets } from './sliding-window.js';

interface Counter {
  window: number;
  previous: number;
  current: number;
}

/**
 * The default store: exact within one process (Node runs a decision without interleaving). The
 * map is swept of counters idle for two windows once it grows, so a flood of keys stays bounded.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly counters = new Map<string, Counter>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly sweepAbove = 100_000,
  ) {}

  decide(charges: readonly CounterCharge[]): Promise<StoreDecision> {
    const nowMs = this.now();
    const window = Math.floor(nowMs / windowMs);
    const elapsedMs = nowMs - window * windowMs;
    const counters = charges.map((charge) => this.counterAt(charge.id, window));
    const buckets: Buckets[] = counters.map(({ previous, current }) => ({ previous, current }));
    const admitted = charges.every((charge, index) => admits(charge.limit, charge.cost, buckets[index]!, elapsedMs));
    if (admitted) charges.forEach((charge, index) => (counters[index]!.current += charge.cost));
    return Promise.resolve({ admitted, nowMs, buckets, adjust: (counterIds, delta) => this.adjust(counterIds, window, delta) });
  }

  private adjust(counterIds: readonly string[], window: number, delta: number): Promise<void> {
    for (const id of counterIds) {
      const counter = this.counters.get(id);
      if (counter?.window === window) counter.current = Math.max(0, counter.current + delta);
      else if (counter?.window === window + 1) counter.previous = Math.max(0, counter.previous + delta);
    }
    return Promise.resolve();
  }

  /** The counter rolled forward to `window`: the current bucket becomes the previous one, or both empty after a gap. */
  private counterAt(id: string, window: number): Counter {
    let counter = this.counters.get(id);
    if (!counter) {
      if (this.counters.size >= this.sweepAbove) this.sweep(window);
      counter = { window, previous: 0, current: 0 };
      this.counters.set(id, counter);
    } else if (counter.window !== window) {
      counter.previous = counter.window === window - 1 ? counter.current : 0;
      counter.current = 0;
      counter.window = window;
    }
    return counter;
  }

  private sweep(window: number): void {
    for (const [id, counter] of this.counters) if (counter.window < window - 1) this.counters.delete(id);
  }
}
