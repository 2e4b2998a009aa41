import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { KeyCache } from './auth/key-cache.js';
import type { Config } from './config.js';
import type { OpenDatabase } from './db/open-database.js';
import { registerBodyParsing } from './http/body-parsing.js';
import { registerDocs } from './http/docs-route.js';
import { registerConsoleRoutes } from './http/console/console-routes.js';
import { answerFrameworkError, maxPathParameterLength, registerErrorHandling } from './http/error-handling.js';
import { registerHfNativeRoutes } from './http/hf-native/routes.js';
import { registerMetrics } from './http/metrics-route.js';
import { registerOpenAIRoutes } from './http/openai/routes.js';
import { registerRequestContext } from './http/request-context.js';
import { registerTaskRoutes } from './http/task-routes.js';
import { registerTrpcRoutes } from './http/trpc-routes.js';
import { registerUsageRoute } from './http/usage-export.js';
import { registerDatabase } from './plugins/database.js';
import { healthReporter } from './plugins/health.js';
import { registerCredits } from './plugins/credits.js';
import { registerInvalidation, subscribeCaches } from './plugins/invalidation.js';
import { registerLedger } from './plugins/ledger.js';
import { AccessLogController } from './observability/request-log.js';
import { createPipeline } from './plugins/pipeline.js';
import { registerPrices } from './plugins/prices.js';
import { registerRateLimits } from './plugins/rate-limits.js';
import { registerUpstreams } from './plugins/upstreams.js';
import type { ProviderAdapter } from './providers/spec/index.js';
import { ModelMappings } from './routing/model-mappings.js';
import type { GatewayServices } from './trpc/gateway-services.js';

export interface AppDependencies {
  config: Config;
  /** Default: the configured database (DATABASE_URL, else PGlite in DATA_DIR). The app closes it either way. */
  database?: OpenDatabase;
  /** Default: the configured providers, or the simulator. The app closes them either way. */
  adapters?: readonly ProviderAdapter[];
  /** Lets local tools (npm run keys) act as admin on this process; only with PGlite's lock. */
  controlToken?: string;
  logger?: FastifyServerOptions['logger'];
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The services the routes run on (tests and server.ts read the database and ledger through it). */
    gateway: GatewayServices;
  }
}

/** The built app: awaiting it resolves once it is ready (Fastify instances are thenable). */
export type GatewayApp = FastifyInstance;

/**
 * Builds the whole gateway as a Fastify app; it never listens (server.ts does, tests listen on
 * port 0 or inject). Every resource is registered with an onClose hook, so `app.close()` alone
 * finishes in-flight requests, commits the ledger and closes the pools, the simulator and the
 * database, in that order (hooks run last-registered first). Request ids are always ours: a
 * client cannot choose its Inference-Id.
 */
export async function buildApp(dependencies: AppDependencies): Promise<GatewayApp> {
  const { config } = dependencies;
  const app = Fastify({
    logger: dependencies.logger ?? false,
    // Fastify's own two lines per request are replaced by one access-log line.
    logController: new AccessLogController(),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: config.BODY_LIMIT_BYTES,
    ...requestTimeouts(config.REQUEST_TIMEOUT_MS),
    trustProxy: config.TRUST_PROXY,
    return503OnClosing: false, // request-context.ts answers them in the error format
    routerOptions: { maxParamLength: maxPathParameterLength },
    frameworkErrors: answerFrameworkError,
  });
  try {
    const database = await registerDatabase(app, config, dependencies.database);
    const adapters = await registerUpstreams(app, config, dependencies.adapters);
    const ledger = registerLedger(app, config, database.db);
    const { priceBook, priceRefresher } = await registerPrices(app, config, database.db, adapters);
    const mappings = new ModelMappings(database.db);
    await mappings.load();
    const pipeline = createPipeline(config, { adapters, mappings, priceBook, ledger });
    const rateLimits = await registerRateLimits(app, config, database.db, pipeline);
    // The last beforeForwarding hook: nothing may refuse a call after its money is held.
    const credits = registerCredits(app, config, database.db, pipeline);
    const keyCache = new KeyCache(database.db, config.KEY_CACHE_TTL_MS);
    const invalidation = await registerInvalidation(app, config, database.db);
    subscribeCaches(invalidation, { db: database.db, keyCache, mappings, priceBook }, (line) => app.log.warn(line));
    priceRefresher.onChange(() => invalidation.publish({ kind: 'prices' }));
    const services: GatewayServices = {
      config,
      db: database.db,
      keyCache,
      mappings,
      pipeline,
      credits,
      limitOverrides: rateLimits.overrides,
      invalidation,
      controlToken: dependencies.controlToken,
      health: healthReporter({ keyCache, adapters, pipeline, mappings, priceRefresher, rateLimitStore: rateLimits.mode }),
    };
    app.decorate('gateway', services);
    if (adapters.size === 0) app.log.error('No provider is configured: set a <PROVIDER>_API_KEY (or SIMULATOR=on).');
    if (adapters.has('simulator')) app.log.warn('SIMULATOR MODE: the built-in simulator answers every model no configured provider serves, offline.');
    registerRoutes(app, services);
  } catch (error) {
    await app.close(); // what was opened before the failure
    throw error;
  }
  return app;
}

function registerRoutes(app: FastifyInstance, services: GatewayServices): void {
  registerBodyParsing(app);
  registerErrorHandling(app);
  registerRequestContext(app, services);
  registerTaskRoutes(app, services);
  registerTrpcRoutes(app, services);
  registerUsageRoute(app, services);
  registerOpenAIRoutes(app, services);
  registerHfNativeRoutes(app, services);
  registerMetrics(app, services.pipeline.metrics);
  registerDocs(app);
  registerConsoleRoutes(app);
}

/**
 * A client sending its body at 1 byte/s must not hold a connection forever. Node's
 * requestTimeout covers receiving the request only (the response, a long stream, is not timed);
 * headers get at most 10 s of it. Node checks the deadlines on an interval (30 s by default),
 * which would let a short timeout run twice over, so the check runs at a quarter of it.
 */
function requestTimeouts(requestTimeoutMs: number): Pick<FastifyServerOptions, 'requestTimeout'> & { http?: object } {
  if (requestTimeoutMs === 0) return { requestTimeout: 0 };
  return {
    requestTimeout: requestTimeoutMs,
    http: {
      headersTimeout: Math.min(requestTimeoutMs, 10_000),
      connectionsCheckingInterval: Math.max(100, Math.min(5_000, Math.floor(requestTimeoutMs / 4))),
    },
  };
}

/**
 * Stops accepting connections and waits for in-flight requests, but not forever: a client that
 * keeps a connection open must not hold a shutdown hostage. After `graceMs` every connection is closed.
 */
export async function closeGracefully(app: FastifyInstance, graceMs: number): Promise<void> {
  const deadline = setTimeout(() => app.server.closeAllConnections(), graceMs);
  try {
    await app.close();
  } finally {
    clearTimeout(deadline);
  }
}
