import { z } from 'zod';

export const healthOutputSchema = z
  .object({
    status: z.enum(['healthy', 'degraded', 'unhealthy']),
    uptime: z.number().int().meta({ description: 'Seconds since the gateway started.' }),
    models_cached: z.number().int().meta({ description: 'Models and Hub mappings served from memory.' }),
    provider_status: z.record(z.string(), z.enum(['healthy', 'unconfigured', 'degraded', 'down'])),
  })
  .meta({ id: 'Health' });
