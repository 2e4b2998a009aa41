import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { LimitOverride } from './limits.js';
import type { LimitOverrideSource, LimitSubject } from './rate-limiter.js';
import { findRateLimits, type LimitSubjectKind } from './rate-limits-repository.js';

interface Entry {
  overrides: { key?: LimitOverride; user?: LimitOverride };
  expiresAt: number;
}

/**
 * Per-key and per-user limits from the database, cached like keys are (KEY_CACHE_TTL_MS): a
 * change made through this process applies at once, one made through another instance within
 * the TTL. A failed lookup never refuses a call: the last known limits (or the defaults) apply.
 */
export class LimitOverrides implements LimitOverrideSource {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 50_000,
  ) {}

  async overridesFor(subject: LimitSubject): Promise<Entry['overrides']> {
    const cacheKey = `${subject.apiKeyId ?? ''}/${subject.userId}`;
    const entry = this.entries.get(cacheKey);
    if (entry && entry.expiresAt > this.now()) return entry.overrides;
    try {
      const overrides = await findRateLimits(this.db, subject.apiKeyId, subject.userId);
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(cacheKey, { overrides, expiresAt: this.now() + this.ttlMs });
      return overrides;
    } catch {
      return entry?.overrides ?? {};
    }
  }

  /** After a change through the admin API: every cached pair naming this key or user is read again. */
  invalidate(subject: LimitSubjectKind, subjectId: string): void {
    for (const cacheKey of this.entries.keys()) {
      const [keyId, userId] = cacheKey.split('/', 2);
      if ((subject === 'key' && keyId === subjectId) || (subject === 'user' && userId === subjectId)) this.entries.delete(cacheKey);
    }
  }
}
