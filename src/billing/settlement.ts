import type { Usage } from '../providers/spec/index.js';
import type { LedgerWriter } from './ledger-writer.js';
import { computeCostNanoUsd } from './money.js';
import type { PriceBook } from './price-book.js';

/** One finished call, as billing sees it. */
export interface Settlement {
  requestId: string;
  apiKeyId: string | undefined;
  userId: string;
  task: string;
  modelId: string;
  provider: string | undefined;
  providerModel: string | undefined;
  usage: Usage;
  status: 'success' | 'error' | 'partial';
  httpStatus: number;
  latencyMs: number;
}

/**
 * Prices a finished call and records it in the ledger; in durable mode it resolves only once
 * the row has committed, and callers release the response (or a stream's final event) after it.
 * A call with status `error` is recorded at cost 0, whatever tokens it consumed.
 */
export async function settle(billing: { ledger: LedgerWriter; priceBook: PriceBook }, settlement: Settlement): Promise<bigint> {
  const price = billing.priceBook.lookup(settlement.modelId, settlement.provider ?? '*');
  const usage = settlement.usage;
  // A refused or failed call is never billed; its tokens stay in the row as the operator's cost.
  const cost = price && settlement.status !== 'error' ? computeCostNanoUsd(usage, price) : 0n;
  await billing.ledger.record({
    request_id: settlement.requestId,
    api_key_id: settlement.apiKeyId ?? null,
    user_id: settlement.userId,
    task: settlement.task,
    model: settlement.modelId,
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
    latency_ms: settlement.latencyMs,
    raw_usage: usage.raw === null || usage.raw === undefined ? null : JSON.stringify(usage.raw),
    provider_cost_nano_usd: usage.providerCostNanoUsd ?? null,
  });
  return cost;
}
