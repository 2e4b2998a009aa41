import { PGlite, types } from '@electric-sql/pglite';

/**
 * Postgres's default shared_buffers (128 MB) lives inside the wasm heap, and every page of it is
 * touched: it held ~130 MiB of the gateway's RSS. The gateway's tables are small (keys, prices,
 * mappings; the ledger is append-mostly), so 16 MB of buffer cache keeps their hot pages.
 */
const startParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB', '-c', 'work_mem=2MB', '-c', 'maintenance_work_mem=16MB'];

/** Opens (and on a new folder, creates) the PGlite database the gateway runs on: int8 as bigint. */
export function openPglite(dataDir: string): Promise<PGlite> {
  return PGlite.create({ dataDir, startParams, parsers: { [types.INT8]: (value: string) => BigInt(value) } });
}
