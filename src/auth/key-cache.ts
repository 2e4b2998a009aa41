import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { GatewayError } from '../errors.js';
import { findApiKeyByHash } from './api-keys-repository.js';
import { hashApiKey } from './api-key.js';
import type { Principal } from './principal.js';
import type { Scope } from './scopes.js';

interface Entry {
  principal: Principal | undefined;
  expiresAt: number;
}

/**
 * Resolves bearer keys to principals from memory, falling back to the database on a miss.
 * Unknown keys are cached too (briefly), so a flood of bad keys cannot become a flood of
 * queries; the map is bounded for the same reason. Revocations made through this process
 * invalidate at once; those made elsewhere (another gateway on the same Postgres) when its
 * invalidation arrives (src/sync/, within a second), and at worst within the TTL.
 *
 * While the database is unreachable, keys already resolved keep working from their (expired)
 * entries, and a key invalidated here stays refused. A key never seen cannot be checked: it gets
 * 503 with Retry-After, the one transient case where our "never a 503" rule gives way, because the
 * outage is transient and HF's clients retrying is then right. `databaseReachable` says which mode
 * the cache is in, for /health.
 */
export class KeyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Principal | undefined>>();
  private lookupFailing = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 50_000,
  ) {}

  async resolve(key: string): Promise<Principal | undefined> {
    const keyHash = hashApiKey(key);
    const entry = this.entries.get(keyHash);
    if (entry && entry.expiresAt > this.now()) return entry.principal;
    let lookup = this.pending.get(keyHash);
    if (!lookup) {
      lookup = this.load(keyHash).finally(() => this.pending.delete(keyHash));
      this.pending.set(keyHash, lookup);
    }
    return lookup;
  }

  /** False while lookups fail (database unreachable): known keys are then served from memory. */
  get databaseReachable(): boolean {
    return !this.lookupFailing;
  }

  /** The next use looks the key up again; until that succeeds the key is treated as unknown (a revocation holds through an outage). */
  invalidate(keyHash: string): void {
    this.entries.set(keyHash, { principal: undefined, expiresAt: 0 });
  }

  /**
   * Every entry is checked again on its next use (after a missed invalidation). Entries are
   * expired, not dropped, so that during a database outage known keys keep the outage policy above.
   */
  expireAll(): void {
    for (const entry of this.entries.values()) entry.expiresAt = 0;
  }

  private async load(keyHash: string): Promise<Principal | undefined> {
    let row: Awaited<ReturnType<typeof findApiKeyByHash>>;
    try {
      row = await findApiKeyByHash(this.db, keyHash);
      this.lookupFailing = false;
    } catch (error) {
      this.lookupFailing = true;
      const stale = this.entries.get(keyHash);
      if (stale) {
        // Retried after a short pause rather than on every request of the outage.
        stale.expiresAt = this.now() + Math.min(this.ttlMs, 2_000);
        return stale.principal;
      }
      throw new GatewayError('unavailable', 'Key check unavailable', 'The key database is unreachable for a moment; retry shortly.', {
        headers: { 'Retry-After': '5' },
        cause: error,
      });
    }
    const principal: Principal | undefined =
      row && row.revoked_at === null
        ? {
            userId: row.user_id,
            apiKeyId: row.id,
            scopes: row.scopes as Scope[],
            spendLimits: { total: row.spend_limit_total_nano_usd ?? undefined, daily: row.spend_limit_daily_nano_usd ?? undefined },
          }
        : undefined;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(keyHash, { principal, expiresAt: this.now() + (principal ? this.ttlMs : Math.min(this.ttlMs, 2_000)) });
    return principal;
  }
}
