import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { CreditService } from '../billing/credit-service.js';
import { chatUnitBound, embeddingUnitBound, imageUnitBound } from '../billing/cost-bound.js';
import { utcDay } from '../billing/credits.js';
import { computeCostNanoUsd, type BillableUnits } from '../billing/money.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { GatewayError } from '../errors.js';
import type { CallContext, ForwardingPlan, PipelineServices } from '../routing/call-context.js';

/**
 * Credits in the pipeline: a `beforeForwarding` hook that reserves each call's maximum cost (the
 * last hook, so nothing refuses a call after its money is held), settled by the ledger in the
 * same commit as the call's row. A heartbeat marks this instance alive; reservations of
 * instances that stopped beating are released (at start, and every heartbeat).
 */
export function registerCredits(app: FastifyInstance, config: Config, db: Kysely<Database>, pipeline: PipelineServices): CreditService {
  const credits = new CreditService(db, randomUUID(), config.KEY_CACHE_TTL_MS);
  // PGlite has one process: every other instance's reservations are a dead process's.
  const staleMs = config.DATABASE_URL ? 3 * config.INSTANCE_HEARTBEAT_MS : 0;
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    await credits.heartbeat();
    const released = await credits.releaseStale(staleMs);
    if (released > 0) app.log.warn({ released }, 'released the credit reservations of gateway instances that stopped');
    timer = setInterval(() => {
      void credits
        .heartbeat()
        .then(() => credits.releaseStale(3 * config.INSTANCE_HEARTBEAT_MS))
        .catch((error: unknown) => app.log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'credit heartbeat failed'));
    }, config.INSTANCE_HEARTBEAT_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));

  if (config.CREDITS === 'enforce') {
    pipeline.hooks.beforeForwarding.push((context, plan) => reserveFor(context, plan, credits, config.DEFAULT_MAX_OUTPUT_TOKENS));
  }
  return credits;
}

async function reserveFor(context: CallContext, plan: ForwardingPlan, credits: CreditService, outputCap: number): Promise<void> {
  const { principal } = context;
  const limits = { total: principal.spendLimits?.total, daily: principal.spendLimits?.daily };
  const keyLimited = limits.total !== undefined || limits.daily !== undefined;
  if (!keyLimited && (await credits.isUnlimited(principal.userId))) return;
  let maximum = 0n;
  // The dearest candidate bounds the reservation: fallback may land on it. Each request is built once.
  let priced = false;
  for (const candidate of plan.candidates) {
    const price = context.services.priceBook.lookup(plan.model.id, candidate.adapter.id);
    if (!price) continue;
    priced = true;
    const cost = computeCostNanoUsd(unitBound(context, plan, candidate.adapter.id, candidate.providerModel, outputCap), price);
    if (cost > maximum) maximum = cost;
  }
  if (!priced) {
    throw new GatewayError('not_found', 'Model has no price', `"${plan.model.id}" has no price, so it cannot be billed; the gateway does not serve it.`);
  }
  await credits.reserve(
    { requestId: context.inferenceId, userId: principal.userId, apiKeyId: principal.apiKeyId, day: utcDay(), amountNanoUsd: maximum },
    limits,
  );
}

/** A call's bound on one candidate; a chat request without max_tokens is then held to `outputCap` upstream. */
function unitBound(context: CallContext, plan: ForwardingPlan, provider: string, providerModel: string, outputCap: number): BillableUnits {
  const target = { provider, providerModel, defaults: plan.defaults };
  switch (plan.call.operation) {
    case 'chat': {
      const request = plan.call.request(target);
      if (request.maxTokens === undefined) context.outputTokenCap = outputCap;
      return chatUnitBound(request, outputCap);
    }
    case 'embed':
      return embeddingUnitBound(plan.call.request(target));
    case 'image':
      return imageUnitBound(plan.call.request(target));
  }
}
