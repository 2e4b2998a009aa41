import type { Redis } from 'ioredis';
import { MemoryRateLimitStore } from './memory-store.js';
import type { CounterCharge, RateLimitStore, RateLimitStoreMode, StoreDecision } from './rate-limit-store.js';
import { RedisRateLimitStore } from './redis-store.js';

/**
 * Redis while it answers; while it does not, this instance's own memory, with the same limits.
 * The policy is to keep serving ("fail open" to per-instance limits) rather than refuse every
 * request because a cache is away: during an outage each instance enforces the limits alone, so
 * N instances admit up to N times a limit. ioredis keeps reconnecting; the first decision after
 * it is ready runs on Redis again. Nothing waits on a dead Redis: commands fail at once while
 * disconnected (no offline queue) and after `commandTimeout` while it hangs.
 */
export class FallbackRateLimitStore implements RateLimitStore {
  private readonly shared: RedisRateLimitStore;
  private readonly local: MemoryRateLimitStore;
  private current: Extract<RateLimitStoreMode, 'redis' | 'local-fallback'> = 'redis';

  constructor(
    private readonly redis: Redis,
    private readonly onModeChange: (mode: RateLimitStoreMode, cause?: unknown) => void,
    now: () => number = Date.now,
  ) {
    this.shared = new RedisRateLimitStore(redis);
    this.local = new MemoryRateLimitStore(now);
    if (redis.status !== 'ready') this.switchTo('local-fallback');
    redis.on('ready', () => this.switchTo('redis'));
    redis.on('close', () => this.switchTo('local-fallback'));
  }

  get mode(): RateLimitStoreMode {
    return this.current;
  }

  async decide(charges: readonly CounterCharge[]): Promise<StoreDecision> {
    if (this.redis.status === 'ready') {
      try {
        const decision = await this.shared.decide(charges);
        this.switchTo('redis');
        return decision;
      } catch (error) {
        this.switchTo('local-fallback', error);
      }
    }
    return this.local.decide(charges);
  }

  private switchTo(mode: 'redis' | 'local-fallback', cause?: unknown): void {
    if (mode === this.current) return;
    this.current = mode;
    this.onModeChange(mode, cause);
  }
}
