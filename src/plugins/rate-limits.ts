import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { FallbackRateLimitStore } from '../ratelimit/fallback-store.js';
import { LimitOverrides } from '../ratelimit/limit-overrides.js';
import { MemoryRateLimitStore } from '../ratelimit/memory-store.js';
import type { RateLimitStoreMode } from '../ratelimit/rate-limit-store.js';
import { RateLimiter, type Admission } from '../ratelimit/rate-limiter.js';
import type { CallContext, ForwardingPlan, PipelineServices } from '../routing/call-context.js';

/** Output reserved for a chat call that sets no max_tokens (corrected to the real count after the call). */
const defaultOutputReservation = 4_096;
/** A rough, provider-neutral token count of text: ~4 characters per token for English. */
const charactersPerToken = 4;

export interface RateLimits {
  limiter: RateLimiter;
  overrides: LimitOverrides;
  mode(): RateLimitStoreMode;
}

/**
 * The rate limits as the pipeline's hooks: `beforeForwarding` reserves one request and the
 * call's estimated tokens at every level (or refuses with 429, charging nothing), and
 * `afterSettlement` corrects the token reservation to the usage the ledger recorded.
 */
export async function registerRateLimits(app: FastifyInstance, config: Config, db: Kysely<Database>, pipeline: PipelineServices): Promise<RateLimits> {
  const { store, mode } = await openStore(app, config);
  const overrides = new LimitOverrides(db, config.KEY_CACHE_TTL_MS);
  const limiter = new RateLimiter(
    store,
    {
      key: { requestsPerMinute: config.RATE_LIMIT_KEY_RPM, tokensPerMinute: config.RATE_LIMIT_KEY_TPM },
      user: { requestsPerMinute: config.RATE_LIMIT_USER_RPM, tokensPerMinute: config.RATE_LIMIT_USER_TPM },
      global: { requestsPerMinute: config.RATE_LIMIT_GLOBAL_RPM, tokensPerMinute: config.RATE_LIMIT_GLOBAL_TPM },
    },
    overrides,
  );
  // A context may run more than one call (in turn); each settlement corrects the oldest open reservation.
  const open = new WeakMap<CallContext, Extract<Admission, { admitted: true }>[]>();
  pipeline.hooks.beforeForwarding.push(async (context, plan) => {
    const admission = await limiter.admit(context.principal, estimateTokens(plan));
    context.limits?.(admission.state);
    if (!admission.admitted) throw admission.error;
    open.set(context, [...(open.get(context) ?? []), admission]);
    // Refused later (no credits): the tokens go back; the request still counts, it was made.
    return () => {
      open.get(context)?.pop();
      admission.settle(0).catch((error: unknown) => app.log.warn({ err: error }, 'rate limits: token refund failed'));
    };
  });
  pipeline.hooks.afterSettlement.push((context, settled) => {
    const admission = open.get(context)?.shift();
    if (!admission) return;
    const used = settled.usage.inputTokens + settled.usage.cacheReadTokens + settled.usage.cacheWriteTokens + settled.usage.outputTokens;
    admission.settle(used).catch((error: unknown) => app.log.warn({ err: error }, 'rate limits: token correction failed'));
  });
  return { limiter, overrides, mode };
}

async function openStore(app: FastifyInstance, config: Config) {
  if (!config.REDIS_URL) return { store: new MemoryRateLimitStore(), mode: () => 'memory' as const };
  const redis = new Redis(config.REDIS_URL, {
    lazyConnect: true,
    enableOfflineQueue: false, // fail at once while disconnected: the local fallback answers
    maxRetriesPerRequest: 0,
    commandTimeout: 500,
    retryStrategy: (attempt) => Math.min(100 * attempt, 1_000),
  });
  redis.on('error', () => {}); // reported once per outage through the mode change below, not per retry
  const store = new FallbackRateLimitStore(redis, (mode, cause) => {
    if (mode === 'redis') app.log.info('rate limits: Redis reachable again; counters are shared across instances');
    else app.log.warn({ err: cause }, 'rate limits: Redis unreachable; each instance enforces the limits alone until it returns');
  });
  try {
    await redis.connect();
  } catch {
    // Startup does not wait for Redis: the fallback serves, and ioredis keeps reconnecting.
  }
  app.addHook('onClose', async () => {
    redis.disconnect(false);
  });
  return { store, mode: () => store.mode };
}

/**
 * The tokens a call may use, before it runs: the prompt's characters / 4 plus its max_tokens
 * (or 4096 when it sets none, at most the model's context). The request is built for the first
 * candidate with no mapping defaults, which is enough for its size. Image calls use no tokens.
 */
function estimateTokens(plan: ForwardingPlan): number {
  const candidate = plan.candidates[0];
  if (!candidate || plan.call.operation === 'image') return 0;
  const target = { provider: candidate.adapter.id, providerModel: candidate.providerModel, defaults: {} };
  try {
    if (plan.call.operation === 'embed') return textTokens(plan.call.request(target).inputs.join(''));
    const request = plan.call.request(target);
    const input = textTokens(request.messages.map((message) => message.content).join(''));
    const cap = plan.model.contextLength > 0 ? Math.min(defaultOutputReservation, plan.model.contextLength) : defaultOutputReservation;
    return input + (request.maxTokens ?? cap);
  } catch {
    return defaultOutputReservation; // a request that cannot be built here fails upstream; reserve the default
  }
}

function textTokens(text: string): number {
  return Math.ceil(text.length / charactersPerToken);
}
