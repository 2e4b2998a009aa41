import { TRPCError } from '@trpc/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { GatewayError } from '../errors.js';
import { AttemptSignals } from '../routing/attempt-deadline.js';
import { invalidInput } from '../contract/parse-with.js';
import { taskRoutePaths } from '../tasks/task-table.js';
import { usagePath } from './usage-export.js';
import { appRouter } from '../trpc/app-router.js';
import type { GatewayServices } from '../trpc/gateway-services.js';
import { procedureRoutes } from './procedures.js';

/**
 * Serves the contract's procedures as native Fastify routes through `createCaller`
 * (trpc-to-openapi's own adapter costs ~6x more per request and coerces schemas in place).
 * The task procedures are served from the task table instead (task-routes.ts: streaming, the hot path).
 */
export function registerTrpcRoutes(app: FastifyInstance, services: GatewayServices): void {
  for (const route of procedureRoutes) {
    if (taskRoutePaths.includes(route.path) || route.path === usagePath) continue;
    app.route({
      method: route.method,
      url: route.url,
      config: route.meta.scopes ? { scopes: route.meta.scopes } : {},
      handler: async (request) => {
        const caller = appRouter.createCaller({
          services,
          principal: request.principal,
          inferenceId: request.id,
          signals: new AttemptSignals(),
          startedAt: request.startedAt,
          timing: request.upstreamTiming,
        });
        const procedure = route.name.split('.').reduce<any>((node, key) => node[key], caller) as (input: unknown) => Promise<unknown>;
        try {
          return await procedure(inputOf(request, route.method));
        } catch (error) {
          throw unwrap(error);
        }
      },
    });
  }
}

function inputOf(request: FastifyRequest, method: 'GET' | 'POST' | 'PUT'): unknown {
  const params = request.params as Record<string, string>;
  if (method === 'GET') return { ...(request.query as object), ...params };
  // A PUT replaces a resource: it says what with, even if only `{}` (its document marks the body required).
  if (method === 'PUT' && (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)))
    throw new GatewayError('invalid_request', 'Missing request body', 'Send the new value as a JSON body ({} for the defaults).');
  const body = request.body ?? {};
  return typeof body === 'object' && !Array.isArray(body) && Object.keys(params).length > 0 ? { ...body, ...params } : body;
}

/** tRPC wraps whatever a procedure throws; the client sees the GatewayError or validation error inside. */
function unwrap(error: unknown): unknown {
  if (!(error instanceof TRPCError)) return error;
  const cause = error.cause;
  if (cause instanceof GatewayError) return cause;
  if (cause instanceof z.ZodError && error.code === 'BAD_REQUEST') return invalidInput(cause);
  return cause ?? error;
}
