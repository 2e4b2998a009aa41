import { sql } from 'kysely';
import { z } from 'zod';
import { healthOutputSchema, readinessOutputSchema } from '../../contract/health.js';
import { GatewayError } from '../../errors.js';
import type { GatewayServices } from '../gateway-services.js';
import { endpoint, router } from '../init.js';

/** A load balancer's probe must answer quickly: a store slower than this counts as away. */
const probeTimeoutMs = 1_000;

export const systemRouter = router({
  health: endpoint('GET', '/health', { summary: 'Liveness, uptime and provider status', tags: ['system'] })
    .input(z.object({}))
    .output(healthOutputSchema)
    .query(({ ctx }) => ctx.services.health()),
  ready: endpoint('GET', '/health/ready', {
    summary: 'Readiness for load balancers: the database (and Redis, if configured) answer',
    description: 'Unlike /health (liveness), this answers 503 while a store this instance needs is unreachable, so a load balancer sends traffic elsewhere.',
    tags: ['system'],
    errors: { 503: 'The database or Redis is unreachable' },
  })
    .input(z.object({}))
    .output(readinessOutputSchema)
    .query(({ ctx }) => readiness(ctx.services)),
});

async function readiness(services: GatewayServices): Promise<z.infer<typeof readinessOutputSchema>> {
  const [database, redis] = await Promise.allSettled([
    withTimeout(sql`select 1`.execute(services.db), 'database'),
    services.config.REDIS_URL ? services.invalidation.ping(probeTimeoutMs) : Promise.resolve(),
  ]);
  const away = [...(database.status === 'rejected' ? ['the database'] : []), ...(redis.status === 'rejected' ? ['Redis'] : [])];
  if (away.length > 0) {
    throw new GatewayError('unavailable', 'Not ready', `${away.join(' and ')} did not answer within ${probeTimeoutMs} ms.`, {
      headers: { 'Retry-After': '5' },
    });
  }
  return { status: 'ready', checks: { database: 'ok', ...(services.config.REDIS_URL ? { redis: 'ok' as const } : {}) } };
}

function withTimeout(work: Promise<unknown>, what: string): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${probeTimeoutMs} ms`)), probeTimeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
