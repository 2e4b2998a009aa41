import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../src/plugins/database.js';
import { parseOpenRouterCatalog } from '../src/billing/live-prices/catalog-prices.js';
import { PriceRefresher } from '../src/billing/live-prices/price-refresher.js';
import { PriceBook } from '../src/billing/price-book.js';
import type { OpenDatabase } from '../src/db/open-database.js';
import { embeddedCatalog } from '../src/catalog/model-catalog.js';
import { databaseKinds, openTestDatabase } from './support/databases.js';

const catalog = readFileSync(new URL('../src/billing/live-prices/fixtures/openrouter-models.json', import.meta.url), 'utf8');

describe.each(databaseKinds())('live prices from a provider catalog on %s', (kind) => {
  let database: OpenDatabase;
  let server: Server;
  let answer = { status: 200, body: catalog };
  let url = '';
  beforeEach(async () => {
    database = await openTestDatabase(kind);
    await prepareDatabase(database.db);
    server = createServer((_request, response) => response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/models`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await database.close();
  });

  it('stores changed prices as new versions, provider-specific, exactly converted, and only once', async () => {
    const book = await PriceBook.load(database.db);
    const refresher = new PriceRefresher(database.db, book, embeddedCatalog, [{ provider: 'openrouter', url, parse: parseOpenRouterCatalog }]);
    const embedded = book.lookup('llama-3.1-8b-instruct', 'openrouter')!;
    await refresher.refresh();
    expect(refresher.statuses.openrouter).toMatchObject({ status: 'ok' });
    const live = book.lookup('llama-3.1-8b-instruct', 'openrouter')!;
    expect(live).toMatchObject({ provider: 'openrouter', inputNanoUsdPerMillion: 15_000_000n, outputNanoUsdPerMillion: 20_000_000n });
    expect(live.id).not.toBe(embedded.id);
    // Other providers keep the embedded price; the old version stays for the bills made with it.
    expect(book.lookup('llama-3.1-8b-instruct', 'together')!.id).toBe(embedded.id);
    const versions = () => database.db.selectFrom('prices').select('id').where('model', '=', 'llama-3.1-8b-instruct').execute();
    expect(await versions()).toHaveLength(2);
    await refresher.refresh();
    expect(await versions()).toHaveLength(2);
  });

  it('keeps the last good prices when the catalog fails, and says so', async () => {
    const book = await PriceBook.load(database.db);
    const refresher = new PriceRefresher(database.db, book, embeddedCatalog, [{ provider: 'openrouter', url, parse: parseOpenRouterCatalog }]);
    await refresher.refresh();
    const before = book.lookup('gpt-4o-mini', 'openrouter');
    answer = { status: 503, body: '{"error":{"message":"down"}}' };
    await refresher.refresh();
    expect(refresher.statuses.openrouter).toMatchObject({ status: 'failed', message: expect.stringContaining('503') });
    expect(refresher.failing).toBe(true);
    expect(book.lookup('gpt-4o-mini', 'openrouter')).toEqual(before);
    answer = { status: 200, body: catalog };
  });
});
