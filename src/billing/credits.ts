import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, NewUsageRow } from '../db/database.js';
import { GatewayError } from '../errors.js';
import { nanoToJson } from './money.js';

/** What an admitted call may still cost, held until its usage row commits. */
export interface Reservation {
  requestId: string;
  userId: string;
  apiKeyId: string | undefined;
  /** The UTC day whose key spend it counts against, 'YYYY-MM-DD'. */
  day: string;
  amountNanoUsd: bigint;
}

export interface KeySpendLimits {
  total: bigint | undefined;
  daily: bigint | undefined;
}

export const utcDay = (at: Date = new Date()) => at.toISOString().slice(0, 10);

/**
 * Reserves a call's maximum cost before it is forwarded, atomically and exactly across
 * instances: the account row (and the key's spend rows) are locked, checked and updated in one
 * call of the `reserve_credits` function (migration 2026_12_02_0200), one round trip and one
 * implicit transaction, so concurrent calls can never admit more than the balance covers (the
 * check-then-record race of LiteLLM and others). Throws a 402 naming what ran out and by how much.
 *
 * A key with a spend limit holds the reservation in both of its counters, its total and the day's
 * (whichever limits it has), and its reservation row names the key, so the release at settlement
 * takes the amount out of exactly the counters that hold it. A key without limits holds nothing.
 */
export async function reserve(db: Kysely<Database>, instanceId: string, reservation: Reservation, limits: KeySpendLimits): Promise<void> {
  const { userId, day, amountNanoUsd: amount } = reservation;
  const keyId = limits.total !== undefined || limits.daily !== undefined ? reservation.apiKeyId : undefined;
  const { rows } = await sql<{ refused: 'balance' | 'key_total' | 'key_daily' | null; available: bigint | null }>`
    select refused, available from reserve_credits(${reservation.requestId}::uuid, ${userId}, ${keyId ?? null}::uuid, ${day}, ${amount}::int8,
      ${instanceId}, ${limits.total ?? null}::int8, ${limits.daily ?? null}::int8)`.execute(db);
  const [outcome] = rows;
  if (outcome?.refused) throw insufficient(outcome.refused, outcome.available ?? 0n, amount);
}

function insufficient(limit: 'balance' | 'key_total' | 'key_daily', available: bigint, required: bigint): GatewayError {
  const what = { balance: "the account's credit balance", key_total: "the API key's total spend limit", key_daily: "the API key's daily spend limit" }[limit];
  // What is available can fall below zero (usage settled above its reservation); then nothing is left.
  const left = available > 0n ? available : 0n;
  return new GatewayError(
    'insufficient_credits',
    'Insufficient credits',
    `This request may cost up to ${required} nano-USD, ${required - left} more than ${what} leaves (${left} nano-USD). ` +
      'Lower max_tokens, or add credits: npm run credits -- grant --user <user> --usd <amount>.',
    { facts: { limit, available_nano_usd: nanoToJson(left), required_nano_usd: nanoToJson(required) } },
  );
}

/**
 * Commits usage rows and the money they move in one call of the `commit_usage` function
 * (migration 2026_12_02_0100 says what it does): one round trip (one message to the PGlite thread,
 * one to a Postgres server), one implicit transaction, so a row and its charge commit together or
 * neither does, and a plan made once per connection. Returns how many rows it inserted (a retried
 * flush inserts none of the rows it had committed, and charges nothing for them).
 */
export async function commitUsage(db: Kysely<Database>, rows: readonly NewUsageRow[], today: string): Promise<number> {
  if (rows.length === 0) return 0;
  const batch = JSON.stringify(rows, (_, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  const { rows: result } = await sql<{ inserted: number }>`select commit_usage(${batch}::jsonb, ${today}) as inserted`.execute(db);
  return result[0]?.inserted ?? 0;
}

/**
 * Releases the reservations of instances that stopped sending heartbeats (crashed, killed), and
 * of instances that left no heartbeat at all, so `kill -9` never leaves money stuck. `staleMs` 0
 * releases every other instance's: right on PGlite, which only one process can open.
 */
export async function releaseStaleReservations(db: Kysely<Database>, instanceId: string, staleMs: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const staleBefore = new Date(Date.now() - staleMs);
    const living = await trx.selectFrom('gateway_instances').select('id').where('heartbeat_at', '>=', staleBefore).execute();
    const alive = [instanceId, ...living.map((row) => row.id)];
    const released = await trx
      .deleteFrom('credit_reservations')
      .where('instance_id', 'not in', alive)
      .returning(['user_id', 'api_key_id', 'day', 'amount_nano_usd'])
      .execute();
    const accounts = new Counter();
    const keys = new Counter();
    release(released, accounts, keys);
    await applyCounters(trx, accounts, keys);
    await trx.deleteFrom('gateway_instances').where('id', 'not in', alive).execute();
    return released.length;
  });
}

/** Takes released reservations out of what their accounts and keys hold. */
function release(
  released: readonly { user_id: string; api_key_id: string | null; day: string; amount_nano_usd: bigint }[],
  accounts: Counter,
  keys: Counter,
): void {
  for (const reservation of released) {
    accounts.add(reservation.user_id, 0n, -reservation.amount_nano_usd);
    if (reservation.api_key_id) {
      keys.add(`${reservation.api_key_id} total`, 0n, -reservation.amount_nano_usd);
      keys.add(`${reservation.api_key_id} ${reservation.day}`, 0n, -reservation.amount_nano_usd);
    }
  }
}

export async function heartbeat(db: Kysely<Database>, instanceId: string): Promise<void> {
  await db
    .insertInto('gateway_instances')
    .values({ id: instanceId, heartbeat_at: new Date() })
    .onConflict((conflict) => conflict.column('id').doUpdateSet({ heartbeat_at: new Date() }))
    .execute();
}

/** Deltas summed per row key, so each row is written once per statement (an upsert may touch a row only once). */
class Counter {
  readonly deltas = new Map<string, { spent: bigint; reserved: bigint }>();
  add(key: string, spent: bigint, reserved: bigint): void {
    const delta = this.deltas.get(key) ?? { spent: 0n, reserved: 0n };
    delta.spent += spent;
    delta.reserved += reserved;
    this.deltas.set(key, delta);
  }
}

async function applyCounters(trx: Transaction<Database>, accounts: Counter, keys: Counter): Promise<void> {
  if (accounts.deltas.size > 0) {
    await trx
      .insertInto('credit_accounts')
      .values([...accounts.deltas].map(([userId, delta]) => ({ user_id: userId, balance_nano_usd: delta.spent, reserved_nano_usd: delta.reserved })))
      .onConflict((conflict) =>
        conflict.column('user_id').doUpdateSet({
          balance_nano_usd: sql`credit_accounts.balance_nano_usd + excluded.balance_nano_usd`,
          reserved_nano_usd: sql`credit_accounts.reserved_nano_usd + excluded.reserved_nano_usd`,
          updated_at: sql`now()`,
        }),
      )
      .execute();
  }
  if (keys.deltas.size > 0) {
    await trx
      .insertInto('key_spend')
      .values(
        [...keys.deltas].map(([key, delta]) => {
          const [apiKeyId, period] = key.split(' ') as [string, string];
          return { api_key_id: apiKeyId, period, spent_nano_usd: delta.spent, reserved_nano_usd: delta.reserved };
        }),
      )
      .onConflict((conflict) =>
        conflict.columns(['api_key_id', 'period']).doUpdateSet({
          spent_nano_usd: sql`key_spend.spent_nano_usd + excluded.spent_nano_usd`,
          reserved_nano_usd: sql`key_spend.reserved_nano_usd + excluded.reserved_nano_usd`,
        }),
      )
      .execute();
  }
}

/** The largest balance the API can state exactly (JSON numbers): about 9 million USD. */
const MAX_BALANCE_NANO_USD = BigInt(Number.MAX_SAFE_INTEGER);

/** Grants (or, negative, adjusts) a user's credits: a grant row and the balance, in one commit. */
export async function grantCredits(db: Kysely<Database>, grant: { userId: string; amountNanoUsd: bigint; reason: string; grantedBy: string }) {
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('credit_accounts').select('balance_nano_usd').where('user_id', '=', grant.userId).forUpdate().executeTakeFirst();
    const balance = (current?.balance_nano_usd ?? 0n) + grant.amountNanoUsd;
    if (balance > MAX_BALANCE_NANO_USD || balance < -MAX_BALANCE_NANO_USD) {
      throw new GatewayError(
        'invalid_request',
        'Balance out of range',
        `The balance would be ${balance} nano-USD; it must stay within ±${MAX_BALANCE_NANO_USD} (the largest amount a JSON number holds exactly).`,
      );
    }
    await trx
      .insertInto('credit_grants')
      .values({ user_id: grant.userId, amount_nano_usd: grant.amountNanoUsd, reason: grant.reason, granted_by: grant.grantedBy })
      .execute();
    const accounts = new Counter();
    accounts.add(grant.userId, grant.amountNanoUsd, 0n);
    await applyCounters(trx, accounts, new Counter());
    return creditAccount(trx, grant.userId);
  });
}

/** An account is unlimited (credits: off) or limited by its balance. */
export async function setUnlimited(db: Kysely<Database>, userId: string, unlimited: boolean): Promise<void> {
  await db
    .insertInto('credit_accounts')
    .values({ user_id: userId, unlimited })
    .onConflict((conflict) => conflict.column('user_id').doUpdateSet({ unlimited, updated_at: sql`now()` }))
    .execute();
}

export async function creditAccount(db: Kysely<Database> | Transaction<Database>, userId: string) {
  const account = await db.selectFrom('credit_accounts').selectAll().where('user_id', '=', userId).executeTakeFirst();
  const grants = await db
    .selectFrom('credit_grants')
    .select(['id', 'amount_nano_usd', 'reason', 'granted_by', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
  return {
    userId,
    balanceNanoUsd: account?.balance_nano_usd ?? 0n,
    reservedNanoUsd: account?.reserved_nano_usd ?? 0n,
    unlimited: account?.unlimited ?? false,
    grants,
  };
}

/** Whether a user is unlimited: read on the request path through a short cache (credits/unlimited-cache). */
export async function isUnlimited(db: Kysely<Database>, userId: string): Promise<boolean> {
  const row = await db.selectFrom('credit_accounts').select('unlimited').where('user_id', '=', userId).executeTakeFirst();
  return row?.unlimited ?? false;
}
