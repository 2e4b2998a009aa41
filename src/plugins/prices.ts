import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { parseOpenRouterCatalog, parseTogetherCatalog } from '../billing/live-prices/catalog-prices.js';
import { PriceRefresher, type PriceSource } from '../billing/live-prices/price-refresher.js';
import { PriceBook } from '../billing/price-book.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { ProviderAdapter } from '../providers/spec/index.js';
import { embeddedCatalog } from '../catalog/model-catalog.js';

/** The prices in memory, refreshed from the providers' catalogs every PRICE_REFRESH_INTERVAL_MS once the app is ready. */
export async function registerPrices(
  app: FastifyInstance,
  config: Config,
  db: Kysely<Database>,
  adapters: ReadonlyMap<string, ProviderAdapter>,
): Promise<{ priceBook: PriceBook; priceRefresher: PriceRefresher }> {
  const priceBook = await PriceBook.load(db);
  const priceRefresher = new PriceRefresher(db, priceBook, embeddedCatalog, priceSources(config, adapters));
  app.addHook('onReady', async () => priceRefresher.start(config.PRICE_REFRESH_INTERVAL_MS));
  app.addHook('onClose', async () => priceRefresher.stop());
  return { priceBook, priceRefresher };
}

/** The catalogs that publish prices, for the providers that are configured. */
function priceSources(config: Config, adapters: ReadonlyMap<string, ProviderAdapter>): PriceSource[] {
  const sources: PriceSource[] = [];
  // OpenRouter's models API is public; Together's wants the key.
  if (adapters.has('openrouter')) sources.push({ provider: 'openrouter', url: `${config.OPENROUTER_BASE_URL}/models`, parse: parseOpenRouterCatalog });
  if (adapters.has('together') && config.TOGETHER_API_KEY) {
    const url = `${config.TOGETHER_BASE_URL}/models`;
    sources.push({ provider: 'together', url, headers: { authorization: `Bearer ${config.TOGETHER_API_KEY}` }, parse: parseTogetherCatalog });
  }
  return sources;
}
