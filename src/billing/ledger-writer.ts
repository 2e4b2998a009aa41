import type { Kysely } from 'kysely';
import type { Database, NewUsageRow } from '../db/database.js';
import { commitUsage, utcDay } from './credits.js';

export type LedgerMode = 'durable' | 'async';

interface Pending {
  row: NewUsageRow;
  committed: () => void;
}

export interface LedgerWriterOptions {
  mode: LedgerMode;
  onFlushError: (error: unknown, rows: number) => void;
  maxBatch?: number;
  retryDelayMs?: number;
  /** Async mode only: how long rows gather before a flush. */
  asyncFlushDelayMs?: number;
}

/**
 * Group commit for usage rows. Rows queue in memory; one flush at a time takes everything queued
 * and writes it as one multi-row INSERT. The next flush starts as soon as the previous one ends,
 * so a lone request waits for one commit and a busy gateway batches by itself.
 *
 * In `durable` mode `record()` resolves only after the row's group has committed, and callers
 * complete their response after that: a crash can lose only requests whose response was never
 * completed. `async` mode resolves at once (for comparison in benchmarks). A failed flush keeps
 * its rows and retries; rows are never dropped, and `ON CONFLICT DO NOTHING` makes a retry of an
 * already-committed group harmless.
 *
 * The money moves in the same statement as the rows: balances, key spend and the release of each
 * call's reservation (credits.ts `commitUsage`), for the rows this commit inserted only, so a
 * charge can never be applied twice or without its row.
 */
export class LedgerWriter {
  private queue: Pending[] = [];
  private flushing: Promise<void> | undefined;
  private readonly maxBatch: number;
  private readonly retryDelayMs: number;
  private readonly asyncFlushDelayMs: number;
  private failures = 0;
  committedRows = 0;
  /** Told of every committed flush: its duration and its rows (the metrics' flush histogram). */
  onCommit: ((seconds: number, rows: number) => void) | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: LedgerWriterOptions,
  ) {
    this.maxBatch = options.maxBatch ?? 2_000;
    this.retryDelayMs = options.retryDelayMs ?? 200;
    this.asyncFlushDelayMs = options.asyncFlushDelayMs ?? 20;
  }

  /** True while the database keeps refusing flushes; rows wait in memory meanwhile. */
  get failing(): boolean {
    return this.failures > 0;
  }

  get pendingRows(): number {
    return this.queue.length;
  }

  record(row: NewUsageRow): Promise<void> {
    const committed = new Promise<void>((resolve) => this.queue.push({ row, committed: resolve }));
    if (!this.flushing) this.flushing = this.nextFlush().then(() => this.flushLoop());
    return this.options.mode === 'durable' ? committed : Promise.resolve();
  }

  /**
   * When a flush starts. Durable: after the event loop's current I/O phase (setImmediate), so
   * every response that phase completed shares the INSERT — measured: starting in a microtask
   * gave one row per INSERT under load. No timer: a lone request waits for one commit only.
   * Async: nobody waits, so rows gather for a few milliseconds and the database is not paid one
   * statement per request.
   */
  private nextFlush(): Promise<void> {
    if (this.options.mode === 'async') return new Promise((resolve) => setTimeout(resolve, this.asyncFlushDelayMs));
    return new Promise((resolve) => setImmediate(resolve));
  }

  /** Resolves when everything recorded so far has committed (used at shutdown). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.slice(0, this.maxBatch);
        const started = performance.now();
        try {
          await commitUsage(
            this.db,
            batch.map((pending) => pending.row),
            utcDay(),
          );
        } catch (error) {
          this.failures += 1;
          this.options.onFlushError(error, batch.length);
          await sleep(Math.min(this.retryDelayMs * 2 ** Math.min(this.failures, 5), 5_000));
          continue;
        }
        this.failures = 0;
        this.queue.splice(0, batch.length);
        this.committedRows += batch.length;
        this.onCommit?.((performance.now() - started) / 1000, batch.length);
        for (const pending of batch) pending.committed();
      }
    } finally {
      this.flushing = undefined;
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
