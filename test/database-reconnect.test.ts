import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshDatabase, type FreshDatabase } from '../scripts/fresh-postgres-database.js';
import { openDatabase, type OpenDatabase } from '../src/db/open-database.js';
import { terminateBackends, waitUntilRunning } from './support/postgres-faults.js';

describe.runIf(process.env.DATABASE_URL)('a Postgres pool whose connections are terminated', () => {
  let fresh: FreshDatabase;
  let database: OpenDatabase;
  const errors: Error[] = [];
  beforeAll(async () => {
    fresh = await createFreshDatabase(process.env.DATABASE_URL!, 'gatewayz_test');
    database = await openDatabase({ kind: 'postgres', url: fresh.url }, { onConnectionError: (error) => errors.push(error) });
  });
  afterAll(async () => {
    await database?.close();
    await fresh?.drop();
  });

  const selectOne = async () => (await sql<{ one: number }>`select 1 as one`.execute(database.db)).rows[0]?.one;

  it('survives idle connections being ended, logs it, and the next query succeeds', async () => {
    await Promise.all([selectOne(), selectOne(), selectOne()]); // several idle clients in the pool
    expect(await terminateBackends(fresh.url)).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((error) => error.message).join('\n')).not.toContain(new URL(fresh.url).password || '\u0000');
    expect(await selectOne()).toBe(1);
  });

  it('rejects a query that is running when its connection ends, then serves the next one', async () => {
    const running = sql`select pg_sleep(5)`.execute(database.db).then(
      () => 'completed',
      (error: Error) => error.message,
    );
    await waitUntilRunning(fresh.url, 'pg_sleep');
    await terminateBackends(fresh.url);
    expect(await running).not.toBe('completed');
    // Another idle client of the pool may have been ended too, and is found dead by the query that
    // picks it up (the pool then drops it): the gateway is serving again within moments, not at once.
    await expect.poll(() => selectOne().catch(() => 'failed'), { timeout: 5_000, interval: 100 }).toBe(1);
  });
});
