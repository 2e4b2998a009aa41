import { PGlite, types } from '@electric-sql/pglite';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * Runs PGlite on its own thread (see pglite-thread.ts). Messages are handled in arrival order;
 * PGlite itself serializes queries, and the main side never interleaves two transactions.
 */
interface QueryMessage {
  id: number;
  sql: string;
  parameters: unknown[];
}

const port = parentPort!;
const { dataDir, initOnly } = workerData as { dataDir: string; initOnly?: boolean };

/**
 * Postgres's default shared_buffers (128 MB) lives inside the wasm heap, and every page of it is
 * touched: it held ~130 MiB of the gateway's RSS. The gateway's tables are small (keys, prices,
 * mappings; the ledger is append-mostly), so 16 MB of buffer cache keeps their hot pages.
 */
const pgliteStartParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB', '-c', 'work_mem=2MB', '-c', 'maintenance_work_mem=16MB'];

try {
  const database = await PGlite.create({ dataDir, startParams: pgliteStartParams, parsers: { [types.INT8]: (value: string) => BigInt(value) } });
  if (initOnly) {
    // The first start's initdb leaves ~450 MiB that PGlite never releases: it runs on a thread of its
    // own that exits once the data folder exists (pglite-thread.ts), and the real thread opens it anew.
    await database.close();
    port.close();
  }
  port.on('message', async (message: QueryMessage | 'close') => {
    if (message === 'close') {
      await database.close();
      port.close(); // nothing else keeps the thread alive: it exits, which the main side awaits
      return;
    }
    try {
      const result = await database.query(message.sql, message.parameters);
      port.postMessage({ id: message.id, rows: result.rows, affectedRows: result.affectedRows });
    } catch (error) {
      port.postMessage({ id: message.id, error: describeError(error) });
    }
  });
  if (!initOnly) port.postMessage({ ready: true });
} catch (error) {
  port.postMessage({ failed: describeError(error) });
}

/** Errors cross the thread boundary as plain data: the message and Postgres's diagnostic fields. */
function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { message, name } = error;
  const fields = error as unknown as Record<string, unknown>;
  return { message, name, code: fields.code, detail: fields.detail, constraint: fields.constraint, table: fields.table };
}
