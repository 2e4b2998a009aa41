import { appRouter } from '../trpc/app-router.js';
import type { GatewayMeta } from '../trpc/init.js';

export interface ProcedureRoute {
  /** Dotted tRPC path, e.g. `billing.cost`. */
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  /** The documented path, e.g. `/admin/keys/{id}/revoke`. */
  path: string;
  /** The same path in Fastify's syntax, e.g. `/admin/keys/:id/revoke`. */
  url: string;
  meta: GatewayMeta;
}

/** Every procedure of the contract that has an HTTP route, read from the router itself. */
export const procedureRoutes: ProcedureRoute[] = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { meta?: GatewayMeta } }>,
).flatMap(([name, procedure]) => {
  const openapi = procedure._def.meta?.openapi;
  if (!openapi || openapi.enabled === false) return [];
  const method = openapi.method === 'GET' || openapi.method === 'PUT' ? openapi.method : 'POST';
  return [{ name, method, path: openapi.path, url: openapi.path.replace(/\{(\w+)\}/g, ':$1'), meta: procedure._def.meta! }];
});
