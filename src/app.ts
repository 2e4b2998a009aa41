import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { AppServices } from './app-services.js';
import { registerBodyParsing } from './http/body-parsing.js';
import { answerFrameworkError, maxPathParameterLength, registerErrorHandling } from './http/error-handling.js';
import { registerHfNativeRoutes } from './http/hf-native/routes.js';
import { registerOpenAIRoutes } from './http/openai/routes.js';
import { registerMetrics } from './http/metrics-route.js';
import { registerRequestContext } from './http/request-context.js';
import { nativeTaskPaths, registerTaskRoutes } from './http/task-routes.js';
import { registerTrpcRoutes } from './http/trpc-routes.js';

/**
 * Builds the HTTP app over ready services; it never listens (server.ts does, tests use inject or
 * listen on port 0). Request ids are always ours: a client cannot choose its Inference-Id.
 */
export function buildApp(services: AppServices, options: { logger?: FastifyServerOptions['logger'] } = {}): FastifyInstance {
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: services.config.BODY_LIMIT_BYTES,
    ...requestTimeouts(services.config.REQUEST_TIMEOUT_MS),
    trustProxy: services.config.TRUST_PROXY,
    return503OnClosing: true,
    routerOptions: { maxParamLength: maxPathParameterLength },
    frameworkErrors: answerFrameworkError,
  });
  registerBodyParsing(app);
  registerErrorHandling(app);
  registerRequestContext(app, services);
  registerTaskRoutes(app, services);
  registerTrpcRoutes(app, services, nativeTaskPaths);
  registerOpenAIRoutes(app, services);
  registerHfNativeRoutes(app, services);
  registerMetrics(app, services.tasks.metrics);
  return app;
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
