import { computeCostNanoUsd } from '../billing/money.js';
import type { TaskType } from '../contract/task-types.js';
import type { Usage } from '../providers/spec/index.js';
import type { CatalogModel } from '../routing/model-catalog.js';
import type { TaskContext } from './task-context.js';

export interface Settlement {
  task: TaskType;
  model: CatalogModel;
  provider: string | undefined;
  providerModel: string | undefined;
  usage: Usage;
  status: 'success' | 'error' | 'partial';
  httpStatus: number;
}

/**
 * Prices a finished call and records it in the ledger; in durable mode it resolves only once
 * the row has committed, and callers release the response (or a stream's final event) after it.
 */
export async function settleUsage(context: TaskContext, settlement: Settlement): Promise<bigint> {
  const { services, principal } = context;
  const price = services.priceBook.lookup(settlement.model.id, settlement.provider ?? '*');
  const usage = settlement.usage;
  const cost = price ? computeCostNanoUsd(usage, price) : 0n;
  await services.ledger.record({
    request_id: context.inferenceId,
    api_key_id: principal.apiKeyId ?? null,
    user_id: principal.userId,
    task: settlement.task,
    model: settlement.model.id,
    provider: settlement.provider ?? null,
    provider_model: settlement.providerModel ?? null,
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    cache_read_tokens: usage.cacheReadTokens,
    cache_write_tokens: usage.cacheWriteTokens,
    images: usage.images,
    cost_nano_usd: cost,
    price_id: price?.id ?? null,
    status: settlement.status,
    http_status: settlement.httpStatus,
    latency_ms: Math.round(performance.now() - context.startedAt),
    raw_usage: usage.raw === null || usage.raw === undefined ? null : JSON.stringify(usage.raw),
  });
  return cost;
}

/** When an upstream never reported usage (a stream cut short), bill what was delivered: ~4 characters a token. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
