import type { Kysely } from 'kysely';
import { request } from 'undici';
import type { Database } from '../../db/database.js';
import type { CatalogModel } from '../../catalog/model-catalog.js';
import type { PriceBook } from '../price-book.js';
import type { CatalogPrice } from './catalog-prices.js';

export interface PriceSource {
  /** The provider whose catalog this is; its prices apply when it serves a model. */
  provider: string;
  url: string;
  headers?: Record<string, string>;
  parse(body: unknown): Map<string, CatalogPrice>;
}

export interface RefreshStatus {
  status: 'ok' | 'failed';
  at: string;
  message?: string;
}

/**
 * Keeps provider-specific prices current from the providers' catalogs. A changed price is stored
 * as a new version (effective now) beside the old ones, so every past usage row still names the
 * price it was billed at; the in-memory price book is then reloaded. A failed refresh changes
 * nothing — the last good prices stay in force — and is reported in /health.
 */
export class PriceRefresher {
  readonly statuses: Record<string, RefreshStatus> = {};
  private timer: NodeJS.Timeout | undefined;
  private readonly changeListeners: (() => void | Promise<void>)[] = [];

  constructor(
    private readonly db: Kysely<Database>,
    private readonly priceBook: PriceBook,
    private readonly catalog: readonly CatalogModel[],
    private readonly sources: readonly PriceSource[],
    private readonly now: () => Date = () => new Date(),
  ) {}

  get failing(): boolean {
    return Object.values(this.statuses).some((status) => status.status === 'failed');
  }

  /** Refreshes now and then every `intervalMs`, without holding the process open. */
  start(intervalMs: number): void {
    if (intervalMs <= 0 || this.sources.length === 0) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Called after a refresh stored new price versions (to tell the other instances). */
  onChange(listener: () => void | Promise<void>): void {
    this.changeListeners.push(listener);
  }

  async refresh(): Promise<void> {
    let anyChanged = false;
    for (const source of this.sources) {
      try {
        const changed = await this.refreshSource(source);
        anyChanged ||= changed > 0;
        this.statuses[source.provider] = { status: 'ok', at: this.now().toISOString(), message: `${changed} price(s) changed` };
      } catch (error) {
        this.statuses[source.provider] = { status: 'failed', at: this.now().toISOString(), message: error instanceof Error ? error.message : String(error) };
      }
    }
    await this.priceBook.reload(this.db);
    if (anyChanged) for (const listener of this.changeListeners) await listener();
  }

  private async refreshSource(source: PriceSource): Promise<number> {
    const response = await request(source.url, { headers: { accept: 'application/json', ...source.headers }, headersTimeout: 15_000, bodyTimeout: 15_000 });
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw new Error(`${source.provider} catalog answered ${response.statusCode}`);
    }
    const prices = source.parse(await response.body.json());
    if (prices.size === 0) throw new Error(`${source.provider} catalog listed no prices`);
    const effectiveFrom = this.now();
    const rows = [];
    for (const model of this.catalog) {
      const price = prices.get(model.providers[source.provider] ?? '');
      if (!price) continue;
      const current = this.priceBook.lookup(model.id, source.provider, effectiveFrom);
      const same =
        current?.provider === source.provider &&
        current.inputNanoUsdPerMillion === price.inputNanoUsdPerMillion &&
        current.outputNanoUsdPerMillion === price.outputNanoUsdPerMillion &&
        current.cacheReadNanoUsdPerMillion === price.cacheReadNanoUsdPerMillion &&
        current.cacheWriteNanoUsdPerMillion === price.cacheWriteNanoUsdPerMillion;
      if (same) continue;
      rows.push({
        model: model.id,
        provider: source.provider,
        input_nano_usd_per_million: price.inputNanoUsdPerMillion,
        output_nano_usd_per_million: price.outputNanoUsdPerMillion,
        cache_read_nano_usd_per_million: price.cacheReadNanoUsdPerMillion,
        cache_write_nano_usd_per_million: price.cacheWriteNanoUsdPerMillion,
        image_nano_usd_per_million: 0n,
        effective_from: effectiveFrom,
        source: `${source.provider}-catalog`,
      });
    }
    if (rows.length > 0) await this.db.insertInto('prices').values(rows).execute();
    return rows.length;
  }
}
