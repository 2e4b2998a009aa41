import type { FastifyInstance } from 'fastify';
import { allUsageRecords, usageRecords, type Viewer } from '../billing/billing-queries.js';
import { hasScope } from '../auth/scopes.js';
import { usageInputSchema } from '../contract/billing.js';
import { parseWith } from '../contract/parse-with.js';
import type { GatewayServices } from '../trpc/gateway-services.js';

export const usagePath = '/hf/tasks/billing/usage';

const csvColumns = ['request_id', 'timestamp', 'task', 'model', 'provider', 'status', 'input_tokens', 'output_tokens', 'cost_nano_usd'] as const;

/**
 * `GET /hf/tasks/billing/usage`: the procedure's JSON page, or with `format=csv` every record of
 * the filter streamed as CSV, a page of rows at a time (never all in memory).
 */
export function registerUsageRoute(app: FastifyInstance, services: GatewayServices): void {
  app.get(usagePath, { config: { scopes: ['billing:read'] } }, async (request, reply) => {
    const input = parseWith(usageInputSchema, request.query);
    const principal = request.principal!;
    const viewer: Viewer = { userId: hasScope(principal.scopes, 'admin') ? undefined : principal.userId };
    if (input.format === 'json') return usageRecords(services.db, viewer, input);
    reply.hijack();
    reply.raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="gatewayz-usage.csv"',
    });
    reply.raw.write(`${csvColumns.join(',')}\n`);
    try {
      for await (const record of allUsageRecords(services.db, viewer, input)) {
        if (!reply.raw.write(`${csvColumns.map((column) => csvField(record[column])).join(',')}\n`)) await drained(reply.raw);
        if (reply.raw.destroyed) return;
      }
      reply.raw.end();
    } catch (error) {
      reply.log.error({ err: error }, 'usage export failed');
      reply.raw.destroy(); // a truncated CSV must not look complete
    }
  });
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function drained(raw: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    raw.once('drain', resolve);
    raw.once('close', resolve);
  });
}
