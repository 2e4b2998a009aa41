import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, sleep, startProcess, waitForOutput, type RunningProcess } from './child-processes.js';
import { createFreshDatabase } from '../fresh-postgres-database.js';

export type LedgerMode = 'durable' | 'async';

/** One configuration of the gateway under test. */
export interface GatewayMode {
  /** e.g. `pglite-durable`: names the mode in the result file and the tables. */
  id: string;
  database: 'pglite' | 'postgres';
  ledgerMode: LedgerMode;
}

export interface GatewayProcess {
  url: string;
  /** The admin key the gateway prints on its first start; the bench's bearer key. */
  key: string;
  pid: number;
  process: RunningProcess;
  /** Stops the gateway, then removes its data directory or drops its database. */
  stop(): Promise<void>;
}

const keyPattern = /gw_live_[A-Za-z0-9_-]+/;
const runningGateways = new Set<GatewayProcess>();

/** On Ctrl-C or an error: stop every gateway, and remove its data directory or drop its database. */
export async function stopAllGateways(): Promise<void> {
  await Promise.all([...runningGateways].map((gateway) => gateway.stop()));
}

/**
 * The built gateway (`node dist/src/server.js`, never under a TypeScript loader) on a fresh
 * database, with the external simulator as its upstream through the OpenRouter adapter: a
 * provider key switches the gateway's in-process simulator off.
 */
export async function startGateway(
  root: string,
  options: { mode: GatewayMode; simulatorUrl: string; databaseUrl?: string; nodeArguments?: string[]; environment?: NodeJS.ProcessEnv },
): Promise<GatewayProcess> {
  const { mode } = options;
  if (mode.database === 'postgres' && options.databaseUrl === undefined) throw new Error(`${mode.id} needs DATABASE_URL`);
  const database = mode.database === 'postgres' ? await createFreshDatabase(options.databaseUrl as string) : undefined;
  const dataDirectory = mkdtempSync(join(tmpdir(), 'gatewayz-bench-'));
  const port = await freePort();
  const child = startProcess('gateway', 'node', [...(options.nodeArguments ?? []), 'dist/src/server.js'], {
    cwd: root,
    env: {
      ...withoutGatewayVariables(process.env),
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      LEDGER_MODE: mode.ledgerMode,
      DATA_DIR: dataDirectory,
      ...(database ? { DATABASE_URL: database.url } : {}),
      OPENROUTER_API_KEY: 'bench-key',
      OPENROUTER_BASE_URL: options.simulatorUrl,
      // Nothing else: the bench measures what `npm start` gives a user (LOG_LEVEL included).
      ...options.environment,
    },
  });
  let gateway: GatewayProcess | undefined;
  const cleanUp = async () => {
    if (gateway) runningGateways.delete(gateway);
    await child.stop();
    rmSync(dataDirectory, { recursive: true, force: true });
    await database?.drop();
  };
  try {
    const [key] = await waitForOutput(child, keyPattern, 60_000);
    const url = `http://127.0.0.1:${port}`;
    await waitForHealth(url, child, 60_000);
    gateway = { url, key, pid: child.pid, process: child, stop: cleanUp };
    runningGateways.add(gateway);
    return gateway;
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

async function waitForHealth(url: string, child: RunningProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.child.exitCode !== null) break;
    const healthy = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await sleep(100);
  }
  throw new Error(`the gateway never answered GET /health. Its output:\n${child.output().slice(-4_000)}`);
}

/** The bench's own shell may hold a developer's gateway settings; none of them may leak into the run. */
function withoutGatewayVariables(environment: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...environment };
  for (const name of Object.keys(copy)) {
    if (
      /^(DATABASE_URL|DATA_DIR|SIMULATOR.*|.*_API_KEY|.*_BASE_URL|KEY_CACHE_TTL_MS|UPSTREAM_TIMEOUT_MS|BODY_LIMIT_BYTES|TRUST_PROXY|LOG_LEVEL|LEDGER_.*)$/.test(
        name,
      )
    ) {
      delete copy[name];
    }
  }
  return copy;
}
