import type { AttemptSignals } from '../routing/attempt-deadline.js';
import type { UpstreamTiming } from '../routing/call-context.js';
import { initTRPC } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import type { Principal } from '../auth/principal.js';
import type { Scope } from '../auth/scopes.js';
import { GatewayError } from '../errors.js';
import type { GatewayServices } from './gateway-services.js';

export interface TrpcContext {
  services: GatewayServices;
  /** Set by the HTTP layer's authentication hook on every procedure that declares `scopes`. */
  principal: Principal | undefined;
  inferenceId: string;
  /** Aborted when the caller goes away (the REST routes of procedures never are: they answer at once). */
  signals: AttemptSignals;
  startedAt: number;
  /** The request's upstream time, filled by the pipeline (Server-Timing). */
  timing?: UpstreamTiming;
}

/**
 * `scopes`: the key must hold one of these (admin holds all); absent means public. It is the
 * single declaration of a route's auth: the HTTP layer enforces it, the document shows it.
 */
export type GatewayMeta = OpenApiMeta<{ scopes?: readonly Scope[] }>;

const t = initTRPC.context<TrpcContext>().meta<GatewayMeta>().create({ isDev: false });

export const router = t.router;

const errorStatuses = { 400: 'Invalid request', 401: 'Missing or unknown API key', 403: 'The key lacks the required scope' };

export function endpoint(
  method: 'GET' | 'POST' | 'PUT',
  path: `/${string}`,
  options: { summary: string; tags: string[]; scopes?: readonly Scope[]; description?: string; errors?: Record<number, string> },
) {
  const scoped = options.scopes !== undefined;
  return t.procedure
    .meta({
      ...(scoped ? { scopes: options.scopes } : {}),
      openapi: {
        method,
        path,
        summary: options.summary,
        tags: options.tags,
        protect: scoped,
        ...(options.description ? { description: options.description } : {}),
        errorResponses: { ...(scoped ? errorStatuses : { 400: errorStatuses[400] }), ...options.errors },
      },
    })
    .use(({ ctx, next }) => {
      if (scoped && !ctx.principal) throw new GatewayError('unauthorized', 'Missing API key', 'Send Authorization: Bearer <key>.');
      return next();
    });
}

/** Narrows the context of a scoped procedure: its principal is always set. */
export function principalOf(context: TrpcContext): Principal {
  if (!context.principal) throw new GatewayError('unauthorized', 'Missing API key', 'Send Authorization: Bearer <key>.');
  return context.principal;
}
