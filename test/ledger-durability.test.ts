import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../src/plugins/database.js';
import { LedgerWriter } from '../src/billing/ledger-writer.js';
import type { NewUsageRow } from '../src/db/database.js';
import type { OpenDatabase } from '../src/db/open-database.js';
import { databaseKinds, openTestDatabase } from './support/databases.js';

const row = (): NewUsageRow => ({
  request_id: randomUUID(),
  api_key_id: null,
  user_id: 'alice',
  task: 'text-generation',
  model: 'gpt-3.5-turbo',
  provider: 'simulator',
  provider_model: 'gpt-3.5-turbo',
  input_tokens: 1,
  output_tokens: 2,
  cache_read_tokens: 0,
  cache_write_tokens: 0,
  images: 0,
  cost_nano_usd: 3_500n,
  price_id: null,
  status: 'success',
  http_status: 200,
  latency_ms: 1,
  raw_usage: null,
});

describe.each(databaseKinds())('the group-committing ledger writer on %s', (kind) => {
  let database: OpenDatabase;
  beforeEach(async () => {
    database = await openTestDatabase(kind);
    await prepareDatabase(database.db);
  });
  afterEach(() => database.close());

  const count = async () =>
    Number(
      (
        await database.db
          .selectFrom('usage')
          .select((eb) => eb.fn.countAll<bigint>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('resolves a durable record only once its row is committed', async () => {
    const writer = new LedgerWriter(database.db, { mode: 'durable', onFlushError: () => {} });
    const recorded = row();
    await writer.record(recorded);
    const stored = await database.db.selectFrom('usage').selectAll().where('request_id', '=', recorded.request_id).executeTakeFirstOrThrow();
    expect(stored.cost_nano_usd).toBe(3_500n);
  });

  it('batches concurrent records into few commits', async () => {
    const writer = new LedgerWriter(database.db, { mode: 'durable', onFlushError: () => {} });
    let inserts = 0;
    const counting = database.db.withPlugin({
      transformQuery: (args) => {
        if (args.node.kind === 'InsertQueryNode') inserts += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const batched = new LedgerWriter(counting, { mode: 'durable', onFlushError: () => {} });
    await Promise.all(Array.from({ length: 200 }, () => batched.record(row())));
    expect(await count()).toBe(200);
    expect(inserts).toBeLessThanOrEqual(3);
    await writer.drain();
  });

  it('keeps rows through a failing database and commits them when it recovers; nothing is lost or doubled', async () => {
    const errors: unknown[] = [];
    const writer = new LedgerWriter(database.db, { mode: 'durable', onFlushError: (error) => errors.push(error), retryDelayMs: 20 });
    await sql`alter table usage rename to usage_away`.execute(database.db);
    const pending = Array.from({ length: 25 }, () => writer.record(row()));
    await expect.poll(() => errors.length, { timeout: 5_000 }).toBeGreaterThan(1);
    expect(writer.failing).toBe(true);
    await sql`alter table usage_away rename to usage`.execute(database.db);
    await Promise.all(pending);
    expect(await count()).toBe(25);
    expect(writer.failing).toBe(false);
  });

  it('ignores a row whose request id is already committed (a retried group)', async () => {
    const writer = new LedgerWriter(database.db, { mode: 'durable', onFlushError: () => {} });
    const recorded = row();
    await writer.record(recorded);
    await writer.record({ ...recorded, cost_nano_usd: 999n });
    const stored = await database.db.selectFrom('usage').select('cost_nano_usd').where('request_id', '=', recorded.request_id).execute();
    expect(stored).toEqual([{ cost_nano_usd: 3_500n }]);
  });

  it('async mode answers at once, and drain() waits for the commit', async () => {
    const writer = new LedgerWriter(database.db, { mode: 'async', onFlushError: () => {} });
    await Promise.all(Array.from({ length: 10 }, () => writer.record(row())));
    await writer.drain();
    expect(await count()).toBe(10);
  });
});
