import type { FastifyServerOptions } from 'fastify';
import type { Selectable } from 'kysely';
import { buildApp, closeGracefully, type GatewayApp } from '../../src/app.js';
import { createApiKey } from '../../src/auth/api-keys-repository.js';
import type { Scope } from '../../src/auth/scopes.js';
import { loadConfig, type Config } from '../../src/config.js';
import { openDatabase, type OpenDatabase } from '../../src/db/open-database.js';
import { createSimulatorAdapter } from '../../src/simulator/adapter.js';
import { createSimulatorServer, type SimulatorOptions, type SimulatorServer } from '../../src/simulator/server.js';
import { createConfiguredAdapters } from '../../src/providers/provider-environment.js';
import type { GatewayServices } from '../../src/trpc/gateway-services.js';
import type { UsageTable } from '../../src/db/database.js';
import { openTestDatabase, type DatabaseKind } from './databases.js';

export interface TestGateway {
  url: string;
  app: GatewayApp;
  services: GatewayServices;
  database: OpenDatabase;
  simulator: SimulatorServer;
  /** Holds every scope. */
  adminKey: string;
  /** A user `alice` with inference and billing:read. */
  userKey: string;
  createKey(userId: string, scopes: Scope[]): Promise<string>;
  /** The usage row of a request (its Inference-Id); throws when there is none. */
  usageRow(requestId: string): Promise<Selectable<UsageTable>>;
  request(path: string, init?: { method?: string; key?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * A real gateway listening on 127.0.0.1 over a fresh database, with the simulator as its upstream
 * over real HTTP — everything real except the upstream provider, which cannot exist here.
 */
export async function startTestGateway(
  kind: DatabaseKind,
  options: {
    env?: Record<string, string>;
    simulator?: SimulatorOptions;
    /** Sent by the simulator adapter on every call (x-simulator-* fault controls). */
    simulatorHeaders?: Record<string, string>;
    /** false: no simulator adapter (e.g. to test a real provider adapter against the simulator). */
    simulatorAdapter?: boolean;
    /** Fastify logger options (default: no logging). */
    logger?: FastifyServerOptions['logger'];
    /**
     * Postgres only: open this existing database instead of a fresh one (several gateways on one
     * database); it is also the gateway's DATABASE_URL, and it is not dropped on close.
     */
    databaseUrl?: string;
  } = {},
): Promise<TestGateway> {
  const database = options.databaseUrl ? await openDatabase({ kind: 'postgres', url: options.databaseUrl }) : await openTestDatabase(kind);
  const simulator = await createSimulatorServer(options.simulator ?? {});
  // SIMULATOR=off: the test's own simulator (with its options and fault headers) is the one that answers.
  // CREDITS=off: suites about other things are not about money; the credit suites turn it on.
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SIMULATOR: 'off',
    PRICE_REFRESH_INTERVAL_MS: '0',
    CREDITS: 'off',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  });
  const simulatorAdapter =
    options.simulatorAdapter === false
      ? undefined
      : createSimulatorAdapter({ baseUrl: simulator.url, ...(options.simulatorHeaders ? { headers: options.simulatorHeaders } : {}) });
  const adapters = [...createConfiguredAdapters(config).values(), ...(simulatorAdapter ? [simulatorAdapter] : [])];
  const app = await buildApp({ config, database, adapters, ...(options.logger ? { logger: options.logger } : {}) });
  const services = app.gateway;
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const createKey = async (userId: string, scopes: Scope[]) => (await createApiKey(database.db, { userId, scopes })).key;
  const adminKey = await createKey('admin', ['admin']);
  const userKey = await createKey('alice', ['inference', 'billing:read']);
  return {
    url,
    app,
    services,
    database,
    simulator,
    adminKey,
    userKey,
    createKey,
    usageRow: (requestId) => database.db.selectFrom('usage').selectAll().where('request_id', '=', requestId).executeTakeFirstOrThrow(),
    request: (path, init = {}) => {
      const key = init.key === undefined ? userKey : init.key;
      const headers: Record<string, string> = { ...(key ? { authorization: `Bearer ${key}` } : {}), ...init.headers };
      if (init.body !== undefined) headers['content-type'] ??= 'application/json';
      return fetch(url + path, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers,
        ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
      });
    },
    close: async () => {
      await closeGracefully(app, 2_000); // closes the ledger, the adapters and the database
      await simulator.close();
    },
  };
}

/** Reads an SSE body into its `data:` payloads (JSON-parsed, except the final [DONE]). */
export async function readEvents(response: Response): Promise<unknown[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => block.slice('data: '.length))
    .map((data) => (data === '[DONE]' ? '[DONE]' : JSON.parse(data)));
}

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
