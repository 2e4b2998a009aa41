import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { buildApp, closeGracefully } from './app.js';
import { createAdapters, createServices, prepareDatabase } from './app-services.js';
import { countApiKeys, createApiKey } from './auth/api-keys-repository.js';
import { allScopes } from './auth/scopes.js';
import { ConfigError, loadConfig, simulatorEnabled, type Config } from './config.js';
import { secureDataDir } from './db/data-dir.js';
import { acquireLock, DataDirLockedError } from './db/data-dir-lock.js';
import { openDatabase } from './db/open-database.js';
import { DatabaseUnreachableError, waitForDatabase } from './db/wait-for-database.js';
import { loggerOptions } from './observability/request-log.js';
import { createSimulatorAdapter } from './providers/simulator/adapter.js';
import { createSimulatorServer } from './providers/simulator/server.js';

/** The only file that listens: configuration, dependencies, listen, graceful shutdown. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL) secureDataDir(resolve(config.DATA_DIR), (line) => process.stderr.write(`gatewayz: ${line}\n`));
  const lock = config.DATABASE_URL ? undefined : acquireLock(resolve(config.DATA_DIR));
  const database = await openDatabase(
    config.DATABASE_URL ? { kind: 'postgres', url: config.DATABASE_URL } : { kind: 'pglite', dataDir: resolve(config.DATA_DIR, 'pglite') },
  );
  await waitForDatabase(database.db, {
    timeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
    log: (line) => process.stderr.write(`gatewayz: ${line}\n`),
  });
  await prepareDatabase(database.db);

  const simulator = simulatorEnabled(config) ? await createSimulatorServer({ latencyMs: config.SIMULATOR_LATENCY_MS }) : undefined;
  const adapters = createAdapters(config, simulator && createSimulatorAdapter({ baseUrl: simulator.url }));
  const controlToken = lock ? randomBytes(32).toString('base64url') : undefined;
  const logger = loggerOptions(config.LOG_LEVEL);
  let app: ReturnType<typeof buildApp> | undefined;
  const services = await createServices({
    config,
    db: database.db,
    adapters,
    ...(controlToken ? { controlToken } : {}),
    onLedgerError: (error, rows) => app?.log.error({ err: error, rows }, 'usage ledger flush failed; rows kept and retried'),
  });
  app = buildApp(services, { logger });
  if (adapters.size === 0) app.log.error('No provider is configured: set a <PROVIDER>_API_KEY (or SIMULATOR=on).');
  if (simulator) {
    app.log.warn('SIMULATOR MODE: no provider key is configured, so the built-in simulator answers every request offline.');
  }
  await printFirstAdminKey(database.db, config);

  await app.listen({ host: config.HOST, port: config.PORT });
  services.priceRefresher.start(config.PRICE_REFRESH_INTERVAL_MS);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  lock?.update({ url: `http://127.0.0.1:${port}`, ...(controlToken ? { controlToken } : {}) });

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down: finishing in-flight requests and flushing the ledger');
    services.priceRefresher.stop();
    await closeGracefully(app, config.SHUTDOWN_GRACE_MS);
    await services.tasks.ledger.drain();
    await Promise.all([...adapters.values()].map((adapter) => adapter.close?.()));
    await simulator?.close();
    await database.close();
    lock?.release();
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
  process.once('exit', () => lock?.release());
}

/** On a database without keys, create an admin key and show it once: only its hash is kept. */
async function printFirstAdminKey(db: Parameters<typeof countApiKeys>[0], config: Config): Promise<void> {
  if ((await countApiKeys(db)) > 0) return;
  const created = await createApiKey(db, { userId: 'admin', scopes: [...allScopes], name: 'first admin key' });
  const line = '='.repeat(78);
  process.stdout.write(
    `\n${line}\n  First start: an admin API key was created. It is shown only this once.\n\n` +
      `    ${created.key}\n\n  export GATEWAYZ_KEY=${created.key}\n` +
      `  curl -s http://localhost:${config.PORT}/health\n${line}\n\n`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof DatabaseUnreachableError) {
    process.stderr.write(`gatewayz: ${error.message}\n`);
  } else {
    process.stderr.write(`gatewayz: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});

