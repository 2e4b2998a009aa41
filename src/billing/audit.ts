import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { computeCostNanoUsd } from './money.js';

export interface AuditReport {
  rowsChecked: number;
  costMismatches: { requestId: string; recorded: string; recomputed: string }[];
  balanceMismatches: { userId: string; balance: string; grantsMinusUsage: string }[];
  reservationMismatches: { userId: string; reserved: string; heldByReservations: string }[];
  /** A key's spend counters: its total spent against its usage rows, each counter's reserved against the reservations it holds. */
  keySpendMismatches: { apiKeyId: string; period: string; field: 'spent' | 'reserved'; recorded: string; expected: string }[];
  /** Where providers report their own cost: ours and theirs, per provider, over the rows that have both. */
  providerCosts: { provider: string; rows: number; ourCostNanoUsd: string; providerCostNanoUsd: string; differenceNanoUsd: string }[];
  ok: boolean;
}

/**
 * Recomputes every bill: each usage row's cost from its price version and token counts (an
 * `error` row must cost 0), each balance against its grants minus its settled usage, each
 * reservation total against the reservations held, each key's spend counters against its usage and
 * reservations. Reads only: safe against a live database.
 * Rows are read a page at a time.
 */
export async function auditLedger(db: Kysely<Database>, pageSize = 5_000): Promise<AuditReport> {
  const prices = new Map((await db.selectFrom('prices').selectAll().execute()).map((row) => [row.id, row]));
  const report: AuditReport = {
    rowsChecked: 0,
    costMismatches: [],
    balanceMismatches: [],
    reservationMismatches: [],
    keySpendMismatches: [],
    providerCosts: [],
    ok: true,
  };
  let after: string | undefined;
  for (;;) {
    const rows = await db
      .selectFrom('usage')
      .select(['request_id', 'input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_write_tokens', 'images', 'cost_nano_usd', 'price_id', 'status'])
      .$if(after !== undefined, (query) => query.where('request_id', '>', after!))
      .orderBy('request_id')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      const price = row.price_id === null ? undefined : prices.get(row.price_id);
      const recomputed =
        row.status === 'error' || !price
          ? 0n
          : computeCostNanoUsd(
              {
                inputTokens: row.input_tokens,
                outputTokens: row.output_tokens,
                cacheReadTokens: row.cache_read_tokens,
                cacheWriteTokens: row.cache_write_tokens,
                images: row.images,
              },
              {
                inputNanoUsdPerMillion: price.input_nano_usd_per_million,
                outputNanoUsdPerMillion: price.output_nano_usd_per_million,
                cacheReadNanoUsdPerMillion: price.cache_read_nano_usd_per_million,
                cacheWriteNanoUsdPerMillion: price.cache_write_nano_usd_per_million,
                imageNanoUsdPerMillion: price.image_nano_usd_per_million,
              },
            );
      if (recomputed !== row.cost_nano_usd)
        report.costMismatches.push({ requestId: row.request_id, recorded: String(row.cost_nano_usd), recomputed: String(recomputed) });
    }
    report.rowsChecked += rows.length;
    if (rows.length < pageSize) break;
    after = rows.at(-1)!.request_id;
  }

  const balances = await sql<{ user_id: string; balance: string; expected: string }>`
    select a.user_id, a.balance_nano_usd::text as balance,
      (coalesce((select sum(amount_nano_usd) from credit_grants g where g.user_id = a.user_id), 0)
        - coalesce((select sum(cost_nano_usd) from usage u where u.user_id = a.user_id), 0))::text as expected
    from credit_accounts a`.execute(db);
  for (const row of balances.rows)
    if (row.balance !== row.expected) report.balanceMismatches.push({ userId: row.user_id, balance: row.balance, grantsMinusUsage: row.expected });

  const reserved = await sql<{ user_id: string; reserved: string; held: string }>`
    select a.user_id, a.reserved_nano_usd::text as reserved,
      coalesce((select sum(amount_nano_usd) from credit_reservations r where r.user_id = a.user_id), 0)::text as held
    from credit_accounts a`.execute(db);
  for (const row of reserved.rows)
    if (row.reserved !== row.held) report.reservationMismatches.push({ userId: row.user_id, reserved: row.reserved, heldByReservations: row.held });

  const keySpend = await sql<{ api_key_id: string; period: string; spent: string; reserved: string; used: string | null; held: string }>`
    select k.api_key_id, k.period, k.spent_nano_usd::text as spent, k.reserved_nano_usd::text as reserved,
      case when k.period = 'total'
        then coalesce((select sum(cost_nano_usd) from usage u where u.api_key_id = k.api_key_id), 0)::text end as used,
      coalesce((select sum(amount_nano_usd) from credit_reservations r
        where r.api_key_id = k.api_key_id and (k.period = 'total' or r.day = k.period)), 0)::text as held
    from key_spend k`.execute(db);
  for (const row of keySpend.rows) {
    const mismatch = { apiKeyId: row.api_key_id, period: row.period };
    if (row.used !== null && row.spent !== row.used) report.keySpendMismatches.push({ ...mismatch, field: 'spent', recorded: row.spent, expected: row.used });
    if (row.reserved !== row.held) report.keySpendMismatches.push({ ...mismatch, field: 'reserved', recorded: row.reserved, expected: row.held });
  }

  const providerCosts = await sql<{ provider: string; rows: string; ours: string; theirs: string }>`
    select provider, count(*)::text as rows, sum(cost_nano_usd)::text as ours, sum(provider_cost_nano_usd)::text as theirs
    from usage where provider_cost_nano_usd is not null and provider is not null group by provider order by provider`.execute(db);
  report.providerCosts = providerCosts.rows.map((row) => ({
    provider: row.provider,
    rows: Number(row.rows),
    ourCostNanoUsd: row.ours,
    providerCostNanoUsd: row.theirs,
    differenceNanoUsd: String(BigInt(row.ours) - BigInt(row.theirs)),
  }));
  report.ok =
    report.costMismatches.length === 0 &&
    report.balanceMismatches.length === 0 &&
    report.reservationMismatches.length === 0 &&
    report.keySpendMismatches.length === 0;
  return report;
}
