import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { isUnlimited, releaseStaleReservations, reserve, heartbeat, type KeySpendLimits, type Reservation } from './credits.js';

/**
 * Credits as the request path sees them: whether a user is unlimited (from memory, refreshed
 * every `ttlMs`: the only read that would otherwise hit the database on every request), the
 * atomic reservation, and this instance's heartbeat and recovery of dead instances' reservations.
 */
export class CreditService {
  private readonly unlimited = new Map<string, { value: boolean; expiresAt: number }>();

  constructor(
    private readonly db: Kysely<Database>,
    readonly instanceId: string,
    private readonly ttlMs: number,
  ) {}

  async isUnlimited(userId: string): Promise<boolean> {
    const cached = this.unlimited.get(userId);
    if (cached && cached.expiresAt > Date.now()) return cached.value;
    const value = await isUnlimited(this.db, userId);
    if (this.unlimited.size > 50_000) this.unlimited.clear();
    this.unlimited.set(userId, { value, expiresAt: Date.now() + this.ttlMs });
    return value;
  }

  /** After a grant or a change of mode through this instance. */
  invalidate(userId: string): void {
    this.unlimited.delete(userId);
  }

  reserve(reservation: Reservation, limits: KeySpendLimits): Promise<void> {
    return reserve(this.db, this.instanceId, reservation, limits);
  }

  heartbeat(): Promise<void> {
    return heartbeat(this.db, this.instanceId);
  }

  releaseStale(staleMs: number): Promise<number> {
    return releaseStaleReservations(this.db, this.instanceId, staleMs);
  }
}
