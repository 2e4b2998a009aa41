import type { Kysely } from 'kysely';
import type { Database, PriceRow } from '../db/database.js';
import { embeddedCatalog, embeddedPricesEffectiveFrom } from '../catalog/model-catalog.js';
import { usdToNano, type UnitPrices } from './money.js';

export interface Price extends UnitPrices {
  /** The price row's id: recorded on every usage row so any bill can be recomputed. */
  id: bigint;
  model: string;
  provider: string;
  effectiveFrom: Date;
}

/**
 * Every price version, held in memory so the request path never queries for one. A lookup takes
 * the newest version already in effect, preferring a provider-specific row over the `*` row.
 */
export class PriceBook {
  private byModel = new Map<string, Price[]>();

  static async load(db: Kysely<Database>): Promise<PriceBook> {
    const book = new PriceBook();
    book.replace(await db.selectFrom('prices').selectAll().execute());
    return book;
  }

  /** Reads every price version again (another instance stored a new one). */
  async reload(db: Kysely<Database>): Promise<void> {
    this.replace(await db.selectFrom('prices').selectAll().execute());
  }

  replace(rows: readonly PriceRow[]): void {
    const byModel = new Map<string, Price[]>();
    for (const row of rows) {
      const list = byModel.get(row.model) ?? [];
      list.push(fromRow(row));
      byModel.set(row.model, list);
    }
    for (const list of byModel.values()) list.sort((a, b) => b.effectiveFrom.getTime() - a.effectiveFrom.getTime());
    this.byModel = byModel;
  }

  lookup(model: string, provider: string, at: Date = new Date()): Price | undefined {
    const list = this.byModel.get(model);
    if (!list) return undefined;
    // Newest first: the first version in effect for the provider wins, else the first `*` one.
    let fallback: Price | undefined;
    for (const price of list) {
      if (price.effectiveFrom > at) continue;
      if (price.provider === provider) return price;
      if (price.provider === '*') fallback ??= price;
    }
    return fallback;
  }

  has(model: string): boolean {
    return this.byModel.has(model);
  }
}

function fromRow(row: PriceRow): Price {
  return {
    id: row.id,
    model: row.model,
    provider: row.provider,
    effectiveFrom: row.effective_from,
    inputNanoUsdPerMillion: row.input_nano_usd_per_million,
    outputNanoUsdPerMillion: row.output_nano_usd_per_million,
    cacheReadNanoUsdPerMillion: row.cache_read_nano_usd_per_million,
    cacheWriteNanoUsdPerMillion: row.cache_write_nano_usd_per_million,
    imageNanoUsdPerMillion: row.image_nano_usd_per_million,
  };
}

/** Inserts the embedded price table as one version; re-running it changes nothing. */
export async function seedEmbeddedPrices(db: Kysely<Database>): Promise<void> {
  const rows = embeddedCatalog.map((model) => ({
    model: model.id,
    provider: '*',
    input_nano_usd_per_million: usdToNano(model.priceUsdPerMillion.input),
    output_nano_usd_per_million: usdToNano(model.priceUsdPerMillion.output),
    cache_read_nano_usd_per_million: usdToNano(model.priceUsdPerMillion.cacheRead ?? '0'),
    cache_write_nano_usd_per_million: usdToNano(model.priceUsdPerMillion.cacheWrite ?? '0'),
    image_nano_usd_per_million: usdToNano(model.priceUsdPerMillion.image ?? '0'),
    effective_from: embeddedPricesEffectiveFrom,
    source: 'embedded',
  }));
  await db
    .insertInto('prices')
    .values(rows)
    .onConflict((conflict) => conflict.columns(['model', 'provider', 'effective_from']).doNothing())
    .execute();
}
