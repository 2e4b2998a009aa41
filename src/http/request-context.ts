import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';
import type { Scope } from '../auth/scopes.js';
import type { RateLimitState } from '../ratelimit/limits.js';
import { AttemptSignals } from '../routing/attempt-deadline.js';
import type { CallContext, UpstreamTiming } from '../routing/call-context.js';
import type { GatewayServices } from '../trpc/gateway-services.js';
import { GatewayError } from '../errors.js';
import { authenticate } from './authenticate.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | undefined;
    startedAt: number;
    /** Filled by the pipeline's attempts; read for Server-Timing. */
    upstreamTiming: UpstreamTiming;
  }
  interface FastifyContextConfig {
    /** The key must hold one of these; absent means the route is public. */
    scopes?: readonly Scope[];
  }
}

/**
 * Every response carries `Inference-Id` (the request's UUID, also the usage row's key and what
 * HF's billing callback asks about) — set first, so errors of any later stage carry it too.
 */
export function registerRequestContext(app: FastifyInstance, services: GatewayServices): void {
  app.decorateRequest('principal', undefined);
  app.decorateRequest('startedAt', 0);
  app.decorateRequest('upstreamTiming', undefined as unknown as UpstreamTiming);
  // Streams set it themselves when their headers go out (event-stream.ts): onSend does not run for them.
  app.addHook('onSend', async (request, reply) => {
    reply.header('Server-Timing', serverTiming(request));
  });
  // Requests that arrive on kept-alive connections while shutting down get a proper answer
  // (Fastify's own is a bare 503): in the error format, with Inference-Id, closing the connection.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    request.startedAt = performance.now();
    request.upstreamTiming = { upstreamMs: 0 };
    reply.header('Inference-Id', request.id);
    // The same id under the name huggingface_hub quotes in its exceptions ("Request ID: ...").
    reply.header('X-Request-Id', request.id);
    if (closing) {
      reply.header('Connection', 'close');
      throw new GatewayError('unavailable', 'Shutting down', 'This gateway instance is shutting down; retry the request.', { headers: { 'Retry-After': '1' } });
    }
    const scopes = request.routeOptions.config.scopes;
    if (scopes) request.principal = await authenticate(request.headers.authorization, scopes, services);
  });
}

/**
 * `Server-Timing: gateway;dur=<ms>, upstream;dur=<ms>`: the gateway's own time is the total so far
 * minus the time spent waiting on upstreams. For a stream it is taken when the headers go out,
 * so `upstream` is the time to the first event.
 */
export function serverTiming(request: FastifyRequest): string {
  const upstreamMs = request.upstreamTiming?.upstreamMs ?? 0;
  const totalMs = performance.now() - request.startedAt;
  return `gateway;dur=${Math.max(0, totalMs - upstreamMs).toFixed(1)}, upstream;dur=${upstreamMs.toFixed(1)}`;
}

/** Upstream attempts' signals, aborted when the client goes away before the response is complete. */
export function clientGoneSignals(request: FastifyRequest, reply: FastifyReply): AttemptSignals {
  const signals = new AttemptSignals();
  if (request.raw.destroyed) signals.clientGone();
  else
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) signals.clientGone();
    });
  return signals;
}

/**
 * One inference request as the pipeline sees it: who asks, its id, and a signal for the client
 * leaving. An answer the simulator produced says so in a header (and its usage row says
 * `provider: simulator`), so nobody mistakes it for a model's.
 */
export function callContextOf(request: FastifyRequest, reply: FastifyReply, services: GatewayServices): CallContext {
  return {
    services: services.pipeline,
    principal: request.principal!,
    inferenceId: request.id,
    signals: clientGoneSignals(request, reply),
    startedAt: request.startedAt,
    timing: request.upstreamTiming,
    served: (provider) => {
      if (provider === 'simulator') reply.header('X-Gatewayz-Simulated', 'true');
    },
    // Non-streamed answers; a stream's final event carries its cost instead (its headers are long sent).
    costed: (costNanoUsd) => {
      if (!reply.sent) reply.header('X-Gatewayz-Cost-Nano-Usd', costNanoUsd.toString());
    },
    limits: (state) => setRateLimitHeaders(reply, state),
  };
}

/**
 * The tightest level's request limit as `X-RateLimit-*` (Reset in epoch seconds), and the
 * tightest token limit beside it, named as OpenAI names its own.
 */
function setRateLimitHeaders(reply: FastifyReply, state: RateLimitState): void {
  const { requests, tokens } = state;
  const primary = requests ?? tokens;
  if (primary) reply.headers({ 'X-RateLimit-Limit': primary.limit, 'X-RateLimit-Remaining': primary.remaining, 'X-RateLimit-Reset': primary.resetAt });
  if (tokens)
    reply.headers({ 'X-RateLimit-Limit-Tokens': tokens.limit, 'X-RateLimit-Remaining-Tokens': tokens.remaining, 'X-RateLimit-Reset-Tokens': tokens.resetAt });
}
