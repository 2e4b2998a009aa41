import { router } from './init.js';
import { adminRouter } from './routers/admin.router.js';
import { billingRouter } from './routers/billing.router.js';
import { modelsRouter } from './routers/models.router.js';
import { systemRouter } from './routers/system.router.js';
import { tasksRouter } from './routers/tasks.router.js';

/** The contract's procedures: the OpenAPI document is generated from this router. */
export const appRouter = router({
  tasks: tasksRouter,
  models: modelsRouter,
  billing: billingRouter,
  admin: adminRouter,
  system: systemRouter,
});

export type AppRouter = typeof appRouter;
