import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
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
 * invalidate at once; those made elsewhere (another gateway on the same Postgres) within the TTL.
 */
export class KeyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Principal | undefined>>();

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

  invalidate(keyHash: string): void {
    this.entries.delete(keyHash);
  }

  private async load(keyHash: string): Promise<Principal | undefined> {
    const row = await findApiKeyByHash(this.db, keyHash);
    const principal =
      row && row.revoked_at === null ? { userId: row.user_id, apiKeyId: row.id, scopes: row.scopes as Scope[] } : undefined;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(keyHash, { principal, expiresAt: this.now() + (principal ? this.ttlMs : Math.min(this.ttlMs, 2_000)) });
    return principal;
  }
}
