import { z } from 'zod';
import { healthOutputSchema } from '../../contract/health.js';
import { endpoint, router } from '../init.js';

export const systemRouter = router({
  health: endpoint('GET', '/health', { summary: 'Liveness, uptime and provider status', tags: ['system'] })
    .input(z.object({}))
    .output(healthOutputSchema)
    .query(({ ctx }) => ctx.services.health()),
});
