import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** What kysely-pglite-dialect needs of a PGlite instance: one query method. */
export interface PgliteThread {
  query(sql: string, parameters?: unknown[]): Promise<{ rows: unknown[]; affectedRows?: number }>;
  close(): Promise<void>;
}

interface Reply {
  id?: number;
  rows?: unknown[];
  affectedRows?: number;
  error?: Record<string, unknown>;
  ready?: boolean;
  failed?: Record<string, unknown>;
}

/**
 * PGlite on a worker thread. PGlite is Postgres compiled to wasm: every statement costs
 * 0.2-0.7 ms of CPU, all of it synchronous. On the main thread each ledger flush would stall
 * the event loop (and every request in flight) for that long; on its own thread the gateway
 * keeps serving while it commits, as it does with a Postgres server in another process.
 */
export async function startPgliteThread(dataDir: string): Promise<PgliteThread> {
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await initialiseDataDir(dataDir);
  const worker = spawnWorker(dataDir);
  const pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let closing: Promise<void> | undefined;

  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (reply: Reply) => {
      if (reply.ready) return resolve();
      if (reply.failed) return reject(toError(reply.failed));
      const waiter = pending.get(reply.id!);
      pending.delete(reply.id!);
      if (reply.error) waiter?.reject(toError(reply.error));
      else waiter?.resolve(reply);
    });
    const fail = (error: Error) => {
      reject(error);
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    };
    worker.once('error', fail);
    worker.once('exit', () => fail(new Error('The PGlite thread has stopped')));
  });
  await ready;

  return {
    query: (sql, parameters = []) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, {
          resolve: (reply) => resolve({ rows: reply.rows ?? [], ...(reply.affectedRows === undefined ? {} : { affectedRows: reply.affectedRows }) }),
          reject,
        });
        worker.postMessage({ id, sql, parameters });
      }),
    // Idempotent: Kysely's destroy() closes its client, and owners may close again.
    close: () => {
      closing ??= once(worker, 'exit').then(() => undefined);
      worker.postMessage('close');
      return closing;
    },
  };
}

/**
 * Built code runs the compiled .js modules. Run from source (tsx: dev, tests, npm run keys), they
 * are .ts files: worker threads do not inherit tsx's loader (it is registered first), and the
 * init process is started with it.
 */
const extension = extname(fileURLToPath(import.meta.url));
const fromSource = extension !== '.js';

/**
 * The thread's own JavaScript is small (messages in, rows out); V8's default young generation
 * (two 16 MiB semi-spaces) would sit in RSS beside PGlite's wasm heap. At 4 MiB the gateway's RSS
 * after 10 s at c=64 measured 337-370 MiB against 391-413 MiB, at the same throughput.
 */
const resourceLimits = { maxYoungGenerationSizeMb: 4 };

function spawnWorker(dataDir: string): Worker {
  const entry = new URL(`./pglite-thread-worker${extension}`, import.meta.url);
  if (!fromSource) return new Worker(entry, { workerData: { dataDir }, resourceLimits });
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: { dataDir }, resourceLimits });
}

/**
 * A new data folder is created (initdb) in a child process that then exits (pglite-init.ts): the
 * memory initdb leaves behind is returned to the system only by a process's exit.
 */
async function initialiseDataDir(dataDir: string): Promise<void> {
  const entry = fileURLToPath(new URL(`./pglite-init${extension}`, import.meta.url));
  const child = spawn(process.execPath, [...(fromSource ? ['--import', 'tsx'] : []), entry, dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (errors = (errors + text).slice(-4_000)));
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  if (code !== 0) throw new Error(`Could not create the PGlite data folder ${dataDir} (${signal ?? `exit ${code}`}): ${errors.trim()}`);
}

function toError(fields: Record<string, unknown>): Error {
  return Object.assign(new Error(String(fields.message)), fields);
}
