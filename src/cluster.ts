import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Config } from './config.js';

/** WORKERS (or `--workers N`, `auto` = one per core): how many gateway processes serve one port. */
export function workerCount(config: Config, argv: readonly string[]): number {
  const flag = argv.indexOf('--workers');
  const value = flag >= 0 ? argv[flag + 1] : config.WORKERS;
  if (value === undefined) return 1;
  if (value === 'auto') return availableParallelism();
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 256) throw new Error(`--workers must be a whole number from 1 to 256, or auto (got ${value})`);
  return count;
}

export class ClusterConfigError extends Error {
  override readonly name = 'ClusterConfigError';
}

/**
 * The primary of `WORKERS=N`: forks N gateway processes that share the port (node:cluster hands
 * connections out), replaces a worker that dies, and on SIGTERM/SIGINT stops them all gracefully
 * and exits 0 once the last has closed. Every worker is a whole gateway; they agree on keys,
 * limits, credits and the ledger through Postgres (and Redis), never through memory. PGlite can
 * be opened by one process only, so several workers need DATABASE_URL.
 */
export function runPrimary(count: number, config: Config): void {
  if (!config.DATABASE_URL) {
    throw new ClusterConfigError('WORKERS needs DATABASE_URL: the embedded database (PGlite) can be opened by one process only. Use one worker, or Postgres.');
  }
  let stopping = false;
  const fork = (index: number) =>
    cluster.fork({ GATEWAYZ_WORKER_INDEX: String(index) }).on('exit', (code, signal) => {
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
        return;
      }
      process.stderr.write(`gatewayz: worker ${index} exited (${signal ?? code}); starting another\n`);
      setTimeout(() => fork(index), 1_000).unref();
    });
  for (let index = 0; index < count; index++) fork(index);
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** Worker 0 (or the only process) does what must happen once: printing the first admin key. */
export function isFirstWorker(): boolean {
  return cluster.isPrimary || process.env.GATEWAYZ_WORKER_INDEX === '0';
}

export { cluster };
