import { parentPort, workerData } from 'node:worker_threads';
import { openPglite } from './pglite-options.js';

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
const { dataDir } = workerData as { dataDir: string };

try {
  const database = await openPglite(dataDir);
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
  port.postMessage({ ready: true });
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
