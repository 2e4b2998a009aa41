import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { KeyCache } from '../auth/key-cache.js';
import type { CreditService } from '../billing/credit-service.js';
import type { Config } from '../config.js';
import type { healthOutputSchema } from '../contract/health.js';
import type { Database } from '../db/database.js';
import type { LimitOverrides } from '../ratelimit/limit-overrides.js';
import type { PipelineServices } from '../routing/call-context.js';
import type { ModelMappings } from '../routing/model-mappings.js';
import type { InvalidationBus } from '../sync/invalidation-bus.js';

/** What the procedures and routes need, built once per app by the composition root (app.ts). */
export interface GatewayServices {
  config: Config;
  db: Kysely<Database>;
  keyCache: KeyCache;
  mappings: ModelMappings;
  pipeline: PipelineServices;
  credits: CreditService;
  /** Per-key and per-user rate limits (the admin API invalidates them on change). */
  limitOverrides: LimitOverrides;
  /** Tells the other instances that a key, the mappings or the prices changed. */
  invalidation: InvalidationBus;
  /** Lets local tools (npm run keys) act as admin on this process; undefined on Postgres. */
  controlToken: string | undefined;
  health(): z.infer<typeof healthOutputSchema>;
}
