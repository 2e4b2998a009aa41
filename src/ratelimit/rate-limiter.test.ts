import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { Limits, LimitOverride } from './limits.js';
import { MemoryRateLimitStore } from './memory-store.js';
import type { RateLimitStore } from './rate-limit-store.js';
import { RateLimiter, type LimitOverrideSource, type LimitSubject } from './rate-limiter.js';
import { RedisRateLimitStore } from './redis-store.js';
import { windowMs } from './sliding-window.js';

const unlimited: Limits = { requestsPerMinute: 0, tokensPerMinute: 0 };
const noOverrides: LimitOverrideSource = { overridesFor: () => Promise.resolve({}) };

function limiterOver(store: RateLimitStore, defaults: Partial<Record<'key' | 'user' | 'global', Partial<Limits>>>, overrides = noOverrides) {
  const level = (limits: Partial<Limits> | undefined) => ({ ...unlimited, ...limits });
  return new RateLimiter(store, { key: level(defaults.key), user: level(defaults.user), global: level(defaults.global) }, overrides);
}

const subject = (): LimitSubject => ({ apiKeyId: randomUUID(), userId: `user-${randomUUID()}` });

/** Both stores must give the same answers wherever the clock does not matter. */
function sharedBehaviour(name: string, makeStore: () => RateLimitStore) {
  describe(`${name}: decisions`, () => {
    it('admits exactly N of N + 5 concurrent requests and refuses the rest with the level and a Retry-After', async () => {
      const limiter = limiterOver(makeStore(), { key: { requestsPerMinute: 10 } });
      const who = subject();
      const admissions = await Promise.all(Array.from({ length: 15 }, () => limiter.admit(who, 0)));
      expect(admissions.filter((each) => each.admitted)).toHaveLength(10);
      const refused = admissions.filter((each) => !each.admitted);
      expect(refused).toHaveLength(5);
      for (const each of refused) {
        if (each.admitted) continue;
        expect(each.error.status).toBe(429);
        expect(each.error.facts).toEqual({ limit_level: 'key', limit_kind: 'requests' });
        expect(Number(each.error.headers['Retry-After'])).toBeGreaterThanOrEqual(1);
        expect(each.state.requests).toMatchObject({ level: 'key', limit: 10, remaining: 0 });
      }
    });

    it('charges nothing when any level refuses (all counters or none)', async () => {
      const store = makeStore();
      const who = subject();
      const strict = limiterOver(store, { key: { requestsPerMinute: 100 }, user: { requestsPerMinute: 2 } });
      await strict.admit(who, 0);
      await strict.admit(who, 0);
      const refused = await strict.admit(who, 0);
      expect(refused.admitted ? undefined : refused.error.facts).toEqual({ limit_level: 'user', limit_kind: 'requests' });
      // The same key's counter under a looser user limit: the refused call did not charge it (100 - 3 after this one).
      const loose = await limiterOver(store, { key: { requestsPerMinute: 100 } }).admit(who, 0);
      expect(loose.state.requests).toMatchObject({ level: 'key', remaining: 97 });
    });

    it('reports the tightest level of each kind', async () => {
      const limiter = limiterOver(makeStore(), {
        key: { requestsPerMinute: 5, tokensPerMinute: 1_000_000 },
        user: { requestsPerMinute: 1_000, tokensPerMinute: 500 },
      });
      const admission = await limiter.admit(subject(), 100);
      expect(admission.state.requests).toMatchObject({ level: 'key', limit: 5, remaining: 4 });
      expect(admission.state.tokens).toMatchObject({ level: 'user', limit: 500, remaining: 400 });
      expect(admission.state.requests!.resetAt).toBeGreaterThan(Date.now() / 1000 - 5);
    });

    it('reserves tokens before and corrects them to the real count after', async () => {
      const limiter = limiterOver(makeStore(), { key: { tokensPerMinute: 1_000 } });
      const who = subject();
      const first = await limiter.admit(who, 600);
      expect(first.admitted && first.state.tokens?.remaining).toBe(400);
      expect((await limiter.admit(who, 600)).admitted).toBe(false); // 600 + 600 > 1000
      if (first.admitted) await first.settle(50); // it used 50: 550 refunded
      const second = await limiter.admit(who, 600);
      expect(second.admitted).toBe(true);
      expect(second.state.tokens?.remaining).toBe(350);
      if (second.admitted) await second.settle(900); // used more than reserved: charged the difference
      const third = await limiter.admit(who, 100);
      expect(third.admitted ? undefined : third.error.facts).toEqual({ limit_level: 'key', limit_kind: 'tokens' });
    });

    it('says so when one request needs more tokens than the limit allows', async () => {
      const admission = await limiterOver(makeStore(), { user: { tokensPerMinute: 100 } }).admit(subject(), 101);
      expect(admission.admitted).toBe(false);
      if (!admission.admitted) expect(admission.error.message).toMatch(/more than the user limit/);
    });

    it('applies per-key and per-user overrides over the defaults (0: unlimited)', async () => {
      const override = (requestsPerMinute: number | null): LimitOverride => ({ requestsPerMinute, tokensPerMinute: null });
      const limiter = limiterOver(
        makeStore(),
        { key: { requestsPerMinute: 1 }, user: { requestsPerMinute: 1 } },
        { overridesFor: () => Promise.resolve({ key: override(3), user: override(0) }) },
      );
      const who = subject();
      const admissions = await Promise.all(Array.from({ length: 5 }, () => limiter.admit(who, 0)));
      expect(admissions.filter((each) => each.admitted)).toHaveLength(3);
    });
  });
}

sharedBehaviour('memory store', () => new MemoryRateLimitStore());

describe('memory store: the sliding window over time (fake clock)', () => {
  const start = 1_000 * windowMs; // the start of a minute
  it('lets the previous minute decay linearly and says when to retry', async () => {
    let now = start;
    const limiter = limiterOver(new MemoryRateLimitStore(() => now), { key: { requestsPerMinute: 10 } });
    const who = subject();
    for (let index = 0; index < 10; index++) expect((await limiter.admit(who, 0)).admitted).toBe(true);
    const refused = await limiter.admit(who, 0);
    expect(refused.admitted).toBe(false);
    // Nothing decays within the minute: the wait runs into the next one, until 10 * (1 - t/60 s) + 1 <= 10, i.e. 6 s in.
    expect(refused.admitted ? 0 : Number(refused.error.headers['Retry-After'])).toBe(66);
    now = start + windowMs + 5_999;
    expect((await limiter.admit(who, 0)).admitted).toBe(false);
    now = start + windowMs + 6_000;
    expect((await limiter.admit(who, 0)).admitted).toBe(true);
    // Half-way through the next minute, the previous 10 count as 5, plus this minute's 1.
    now = start + windowMs + windowMs / 2;
    const admission = await limiter.admit(who, 0);
    expect(admission.state.requests?.remaining).toBe(3);
    // Two minutes idle: everything is forgotten.
    now = start + 4 * windowMs;
    expect((await limiter.admit(who, 0)).state.requests?.remaining).toBe(9);
  });

  it('corrects a reservation in the minute it was taken, even after the window moved on', async () => {
    let now = start + windowMs - 1;
    const limiter = limiterOver(new MemoryRateLimitStore(() => now), { key: { tokensPerMinute: 1_000 } });
    const who = subject();
    const reserved = await limiter.admit(who, 1_000);
    now = start + windowMs; // next minute: the reservation is the previous bucket, counted in full
    expect((await limiter.admit(who, 1)).admitted).toBe(false);
    if (reserved.admitted) await reserved.settle(0);
    expect((await limiter.admit(who, 1)).admitted).toBe(true);
  });
});

const redisUrl = process.env.REDIS_URL;
if (!redisUrl && process.env.CI === 'true') throw new Error('CI must run the Redis suites, but REDIS_URL is not set (see scripts/services.sh).');

describe.runIf(redisUrl)('redis store', () => {
  const clients: Redis[] = [];
  afterAll(() => {
    for (const client of clients) client.disconnect();
  });
  const redisStore = () => {
    const client = new Redis(redisUrl!);
    clients.push(client);
    return new RedisRateLimitStore(client);
  };
  sharedBehaviour('redis store', redisStore);

  it('two clients (two instances) share one counter: exactly N of N', async () => {
    const limiters = [limiterOver(redisStore(), { key: { requestsPerMinute: 7 } }), limiterOver(redisStore(), { key: { requestsPerMinute: 7 } })];
    const who = subject();
    const admissions = await Promise.all(Array.from({ length: 20 }, (_, index) => limiters[index % 2]!.admit(who, 0)));
    expect(admissions.filter((each) => each.admitted)).toHaveLength(7);
  });
});
