import { z } from 'zod';

export const healthOutputSchema = z
  .object({
    status: z.enum(['healthy', 'degraded', 'unhealthy']),
    uptime: z.number().int().meta({ description: 'Seconds since the gateway started.' }),
    models_cached: z.number().int().meta({ description: 'Models and Hub mappings served from memory.' }),
    provider_status: z.record(z.string(), z.enum(['healthy', 'unconfigured', 'degraded', 'down'])),
    price_refresh: z
      .record(z.string(), z.object({ status: z.enum(['ok', 'failed']), at: z.string(), message: z.string().optional() }))
      .meta({ description: "The last refresh of each provider catalog's prices; a failure keeps the last good prices." }),
    rate_limits: z.enum(['memory', 'redis', 'local-fallback']).meta({
      description: 'Where rate-limit counters live: this process (memory), Redis (shared), or this process while Redis is unreachable (local-fallback).',
    }),
  })
  .meta({ id: 'Health' });

export const readinessOutputSchema = z
  .object({
    status: z.literal('ready'),
    checks: z
      .object({ database: z.literal('ok'), redis: z.literal('ok').optional() })
      .meta({ description: 'Each store this instance depends on, checked now (`redis` only with REDIS_URL).' }),
  })
  .meta({ id: 'Readiness' });
