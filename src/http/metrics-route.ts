import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GatewayMetrics } from '../observability/metrics.js';

/** GET /metrics (Prometheus text format, public like /health), and the per-request counters. */
export function registerMetrics(app: FastifyInstance, metrics: GatewayMetrics): void {
  app.addHook('onResponse', async (request, reply) => recordResponse(request, reply.statusCode, metrics));
  app.get('/metrics', async (_request, reply) => reply.type(metrics.contentType).send(await metrics.text()));
}

/** Streams too: Fastify runs onResponse when a hijacked reply's response finishes. */
function recordResponse(request: FastifyRequest, status: number, metrics: GatewayMetrics): void {
  const route = request.routeOptions.url ?? 'unmatched';
  metrics.requests.inc({ route, method: request.method, status: String(status) });
  metrics.requestSeconds.observe({ route }, (performance.now() - request.startedAt) / 1000);
  if (status >= 400) metrics.errors.inc({ status: String(status) });
}
