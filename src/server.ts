import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { buildApp, closeGracefully, type GatewayApp } from './app.js';
import { cluster, ClusterConfigError, isFirstWorker, runPrimary, workerCount } from './cluster.js';
import { countApiKeys, createApiKey } from './auth/api-keys-repository.js';
import { allScopes } from './auth/scopes.js';
import { setUnlimited } from './billing/credits.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { secureDataDir } from './db/data-dir.js';
import { acquireLock, DataDirLockedError } from './db/data-dir-lock.js';
import { DatabaseUnreachableError } from './db/wait-for-database.js';
import { loggerOptions } from './observability/request-log.js';

/** The only file that listens: configuration, build, listen, graceful shutdown (or, with WORKERS, the primary that forks). */
async function main(): Promise<void> {
  boundHeapGrowth();
  const config = loadConfig();
  const workers = workerCount(config, process.argv);
  if (workers > 1 && cluster.isPrimary) return runPrimary(workers, config);
  if (!config.DATABASE_URL) secureDataDir(resolve(config.DATA_DIR), (line) => process.stderr.write(`gatewayz: ${line}\n`));
  const lock = config.DATABASE_URL ? undefined : acquireLock(resolve(config.DATA_DIR));
  process.once('exit', () => lock?.release());
  const controlToken = lock ? randomBytes(32).toString('base64url') : undefined;
  const app = await buildApp({
    config,
    ...(controlToken ? { controlToken } : {}),
    logger: loggerOptions(config.LOG_LEVEL),
  });
  if (isFirstWorker()) await printFirstAdminKey(app, config);

  await app.listen({ host: config.HOST, port: config.PORT });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  lock?.update({ url: `http://127.0.0.1:${port}`, ...(controlToken ? { controlToken } : {}) });

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down: finishing in-flight requests and flushing the ledger');
    await closeGracefully(app, config.SHUTDOWN_GRACE_MS);
    lock?.release();
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
}

/**
 * V8 lets the old generation grow to several times what is live before it collects it. Under load
 * what grows is promoted garbage: a gateway's live heap is ~36 MiB, yet its RSS passed 240 MiB on
 * Postgres. Growing by a quarter of what is live keeps it under 150 MiB, for a few percent more GC
 * work (bench/RESULTS.md). A `--heap-growing-percent` given to node itself wins.
 */
function boundHeapGrowth(): void {
  if (!process.execArgv.some((flag) => flag.startsWith('--heap-growing-percent'))) setFlagsFromString('--heap-growing-percent=25');
}

/** On a database without keys, create an admin key and show it once: only its hash is kept. */
async function printFirstAdminKey(app: GatewayApp, config: Config): Promise<void> {
  const { db } = app.gateway;
  if ((await countApiKeys(db)) > 0) return;
  const created = await createApiKey(db, { userId: 'admin', scopes: [...allScopes], name: 'first admin key' });
  await setUnlimited(db, 'admin', true); // so `npm start` works out of the box: the operator's own key is never limited
  const line = '='.repeat(78);
  process.stdout.write(
    `\n${line}\n  First start: an admin API key was created. It is shown only this once.\n\n` +
      `    ${created.key}\n\n  export GATEWAYZ_KEY=${created.key}\n` +
      `  curl -s http://localhost:${config.PORT}/health\n${line}\n\n`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof DatabaseUnreachableError || error instanceof ClusterConfigError) {
    process.stderr.write(`gatewayz: ${error.message}\n`);
  } else {
    process.stderr.write(`gatewayz: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
