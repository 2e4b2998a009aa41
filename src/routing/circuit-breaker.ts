/**
 * One provider's circuit breaker. Closed: every attempt goes through. After `failureThreshold`
 * consecutive failures (connect errors, timeouts, 429/5xx) it opens and the provider is skipped;
 * after `cooldownMs` it half-opens and lets exactly one probe through: success closes it,
 * failure opens it again. It also keeps a moving average of successful latencies, for
 * `:fastest`.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  private stateValue: BreakerState = 'closed';
  /** Exponentially weighted moving average of successful attempt latencies, in ms. */
  latencyMs: number | undefined;

  constructor(
    private readonly options: { failureThreshold: number; cooldownMs: number },
    private readonly now: () => number = Date.now,
  ) {}

  get state(): BreakerState {
    if (this.stateValue === 'open' && this.now() - this.openedAt >= this.options.cooldownMs) this.stateValue = 'half-open';
    return this.stateValue;
  }

  /** How long until an open circuit lets its probe through; 0 when it would now. */
  get reopensInMs(): number {
    return this.stateValue === 'open' ? Math.max(0, this.options.cooldownMs - (this.now() - this.openedAt)) : 0;
  }

  /** Whether an attempt may start now; in half-open, only the one probe. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  recordSuccess(latencyMs: number): void {
    this.failures = 0;
    this.probing = false;
    this.stateValue = 'closed';
    this.latencyMs = this.latencyMs === undefined ? latencyMs : this.latencyMs * 0.8 + latencyMs * 0.2;
  }

  recordFailure(): void {
    this.failures += 1;
    this.probing = false;
    if (this.stateValue === 'half-open' || this.failures >= this.options.failureThreshold) {
      this.stateValue = 'open';
      this.openedAt = this.now();
    }
  }

  /** An attempt that ended for a reason that says nothing about the provider (a client error, a cancel). */
  release(): void {
    this.probing = false;
  }
}

/** One breaker per provider, created on first use. */
export class ProviderBreakers {
  private readonly breakers = new Map<string, CircuitBreaker>();

  constructor(
    private readonly options: { failureThreshold: number; cooldownMs: number },
    private readonly now: () => number = Date.now,
  ) {}

  for(provider: string): CircuitBreaker {
    let breaker = this.breakers.get(provider);
    if (!breaker) {
      breaker = new CircuitBreaker(this.options, this.now);
      this.breakers.set(provider, breaker);
    }
    return breaker;
  }
}
