import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../plugins/database.js';
import { openDatabase } from './open-database.js';

describe('PGlite on its own thread (a data folder)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'gatewayz-thread-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const dataDir = join(folder, 'pglite');

  it('answers Kysely like in-process PGlite: bigint, dates, arrays, errors, transactions', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir });
    await prepareDatabase(database.db);
    const price = await database.db
      .selectFrom('prices')
      .select(['id', 'input_nano_usd_per_million', 'effective_from'])
      .where('model', '=', 'gpt-3.5-turbo')
      .executeTakeFirstOrThrow();
    expect(price.input_nano_usd_per_million).toBe(500_000_000n);
    expect(price.effective_from).toBeInstanceOf(Date);

    await database.db.insertInto('users').values({ id: 'u' }).execute();
    await expect(database.db.insertInto('users').values({ id: 'u' }).execute()).rejects.toMatchObject({ code: '23505' });

    // Concurrent transactions are serialized: each sees its own writes only, and a failed one rolls back.
    await Promise.all([
      database.db.transaction().execute(async (transaction) => {
        await transaction.insertInto('users').values({ id: 'a' }).execute();
        await transaction.insertInto('users').values({ id: 'b' }).execute();
      }),
      database.db
        .transaction()
        .execute(async (transaction) => {
          await transaction.insertInto('users').values({ id: 'c' }).execute();
          await transaction.insertInto('users').values({ id: 'u' }).execute();
        })
        .catch(() => 'rolled back'),
    ]);
    const users = (await database.db.selectFrom('users').select('id').orderBy('id').execute()).map((row) => row.id);
    expect(users).toEqual(['a', 'b', 'u']);
    await database.close();
    await database.close(); // idempotent
  });

  it('keeps committed rows across a reopen', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir });
    expect((await database.db.selectFrom('users').select('id').execute()).length).toBe(3);
    await database.close();
  });
});
