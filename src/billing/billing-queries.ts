import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { costRequestItemSchema, UsageFilter, usageInputSchema } from '../contract/billing.js';
import type { TaskType } from '../contract/task-types.js';
import type { Database } from '../db/database.js';
import { GatewayError } from '../errors.js';
import { computeCostNanoUsd, nanoToJson, nanoToUsdNumber, type UnitPrices } from './money.js';

type CostRequestItem = z.infer<typeof costRequestItemSchema>;

/** Whose records a query may see: one user's, or (userId undefined: an admin) everyone's. */
export interface Viewer {
  userId: string | undefined;
}

const maxJsonNanoUsd = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * No static bound on items and tokens keeps the total exact: prices come from live catalogs and
 * have no ceiling. So the exact bigint total is checked, and one that a JSON number cannot hold
 * is a 400 naming the limit (the caller can split the request), never a 500.
 */
function totalTooLarge(): GatewayError {
  return new GatewayError(
    'invalid_request',
    'Total cost too large',
    `The total exceeds ${Number.MAX_SAFE_INTEGER} nano-USD, the largest amount a JSON number holds exactly; split the request.`,
  );
}

/** `priceOf` answers the list price of a model name (a Gatewayz id, Hub id or provider/model) for a task. */
export function costOfRequests(requests: CostRequestItem[], priceOf: (model: string, task: TaskType) => UnitPrices | undefined) {
  let total = 0n;
  const costs = requests.map((request) => {
    const price = priceOf(request.model, request.task);
    if (!price) {
      throw new GatewayError('not_found', 'Unknown model', `No price is known for "${request.model}" (${request.task}).`);
    }
    const cost = computeCostNanoUsd({ inputTokens: request.input_tokens, outputTokens: request.output_tokens }, price);
    total += cost;
    if (total > maxJsonNanoUsd) throw totalTooLarge();
    return { ...request, cost_nano_usd: nanoToJson(cost), cost_usd: nanoToUsdNumber(cost) };
  });
  return { total_cost_nano_usd: nanoToJson(total), costs, currency: 'USD' as const };
}

const recordColumns = ['request_id', 'created_at', 'task', 'model', 'provider', 'status', 'input_tokens', 'output_tokens', 'cost_nano_usd'] as const;

/** The viewer's rows that match the filter (reporting, not the request path: indexed by user and time). */
function filtered(db: Kysely<Database>, viewer: Viewer, filter: UsageFilter) {
  return db
    .selectFrom('usage')
    .$if(viewer.userId !== undefined, (query) => query.where('user_id', '=', viewer.userId!))
    .$if(filter.from !== undefined, (query) => query.where('created_at', '>=', new Date(filter.from!)))
    .$if(filter.to !== undefined, (query) => query.where('created_at', '<', new Date(filter.to!)))
    .$if(filter.model !== undefined, (query) => query.where('model', '=', filter.model!))
    .$if(filter.task !== undefined, (query) => query.where('task', '=', filter.task!))
    .$if(filter.provider !== undefined, (query) => query.where('provider', '=', filter.provider!))
    .$if(filter.status !== undefined, (query) => query.where('status', '=', filter.status!));
}

type RecordRow = {
  request_id: string;
  created_at: Date;
  task: string;
  model: string;
  provider: string | null;
  status: 'success' | 'error' | 'partial';
  input_tokens: number;
  output_tokens: number;
  cost_nano_usd: bigint;
};

function toRecord(row: RecordRow) {
  return {
    request_id: row.request_id,
    timestamp: row.created_at.toISOString(),
    task: row.task,
    model: row.model,
    provider: row.provider,
    status: row.status,
    input_tokens: row.input_tokens,
    output_tokens: row.output_tokens,
    cost_nano_usd: nanoToJson(row.cost_nano_usd),
  };
}

/** One page of records, newest first, with the filter's totals over all pages. */
export async function usageRecords(db: Kysely<Database>, viewer: Viewer, page: z.infer<typeof usageInputSchema>) {
  const own = filtered(db, viewer, page);
  const [rows, totals] = await Promise.all([
    own.select(recordColumns).orderBy('created_at', 'desc').orderBy('request_id').limit(page.limit).offset(page.offset).execute(),
    own
      .select((eb) => [eb.fn.countAll<bigint>().as('records'), eb.fn.coalesce(eb.fn.sum<bigint>('cost_nano_usd'), eb.lit(0)).as('cost')])
      .executeTakeFirstOrThrow(),
  ]);
  return { records: rows.map(toRecord), total_records: Number(totals.records), total_cost_nano_usd: nanoToJson(BigInt(totals.cost)) };
}

/**
 * Every record of the filter, newest first, a page at a time (keyset pagination on
 * (created_at, request_id)), so an export of millions of rows never sits in memory.
 */
export async function* allUsageRecords(db: Kysely<Database>, viewer: Viewer, filter: UsageFilter, pageSize = 1_000) {
  let after: { created_at: Date; request_id: string } | undefined;
  for (;;) {
    const rows = await filtered(db, viewer, filter)
      .select(recordColumns)
      .$if(after !== undefined, (query) =>
        query.where((eb) =>
          eb.or([eb('created_at', '<', after!.created_at), eb.and([eb('created_at', '=', after!.created_at), eb('request_id', '>', after!.request_id)])]),
        ),
      )
      .orderBy('created_at', 'desc')
      .orderBy('request_id')
      .limit(pageSize)
      .execute();
    for (const row of rows) yield toRecord(row);
    if (rows.length < pageSize) return;
    after = rows.at(-1)!;
  }
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** HF's billing callback: one entry per known id, none for unknown ones, the same answer every time. */
export async function costsOfRequestIds(db: Kysely<Database>, viewer: Viewer, requestIds: string[]) {
  const ids = [...new Set(requestIds.filter((id) => uuidPattern.test(id)).map((id) => id.toLowerCase()))];
  const found: { requestId: string; costNanoUsd: number }[] = [];
  for (let start = 0; start < ids.length; start += 5_000) {
    // Only calls answered with a 2xx: success, or a stream that started (200) and was cut (partial).
    // A refused or failed call (status error) had a non-2xx answer and is never billed.
    const rows = await db
      .selectFrom('usage')
      .select(['request_id', 'cost_nano_usd'])
      .where('request_id', 'in', ids.slice(start, start + 5_000))
      .where('status', '!=', 'error')
      .$if(viewer.userId !== undefined, (query) => query.where('user_id', '=', viewer.userId!))
      .execute();
    for (const row of rows) found.push({ requestId: row.request_id, costNanoUsd: nanoToJson(row.cost_nano_usd) });
  }
  return found;
}
