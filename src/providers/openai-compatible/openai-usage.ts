import { usdToNano } from '../../billing/money.js';
import { isRecord } from '../json.js';
import { emptyUsage, type FinishReason, type Usage } from '../spec/index.js';

/**
 * Normalizes a Chat Completions `usage` object. `prompt_tokens` counts cached prompt tokens
 * (OpenAI) and, on OpenRouter, cache writes too, so both are taken out of `inputTokens` to keep
 * the spec's rule that input + cache read + cache write is the whole prompt.
 */
export function normalizeOpenAIUsage(raw: unknown): Usage {
  if (!isRecord(raw)) return emptyUsage();
  const promptDetails = isRecord(raw.prompt_tokens_details) ? raw.prompt_tokens_details : {};
  const completionDetails = isRecord(raw.completion_tokens_details) ? raw.completion_tokens_details : {};
  const promptTokens = count(raw.prompt_tokens);
  const cacheReadTokens = count(promptDetails.cached_tokens);
  const cacheWriteTokens = count(promptDetails.cache_write_tokens);
  return {
    inputTokens: Math.max(0, promptTokens - cacheReadTokens - cacheWriteTokens),
    outputTokens: count(raw.completion_tokens),
    cacheReadTokens,
    cacheWriteTokens,
    reasoningTokens: count(completionDetails.reasoning_tokens),
    images: 0,
    raw,
    // OpenRouter reports the charge in USD (its credits) with the usage.
    ...(typeof raw.cost === 'number' && Number.isFinite(raw.cost) && raw.cost >= 0 ? { providerCostNanoUsd: usdToNano(raw.cost.toFixed(9)) } : {}),
  };
}

/**
 * How one provider reports usage: where the object sits in a response body or stream chunk, and
 * how to normalize it. Most follow OpenAI; the factory's `findUsage` / `normalizeUsage` options
 * override either half for those that do not.
 */
export interface UsageReader {
  find(body: Record<string, unknown>): unknown;
  normalize(raw: unknown): Usage;
}

export const openAIUsageReader: UsageReader = { find: (body) => body.usage, normalize: normalizeOpenAIUsage };

/** Maps a wire `finish_reason`; `null` means the choice has not finished yet. */
export function toFinishReason(value: unknown): FinishReason | undefined {
  switch (value) {
    case 'stop':
    case 'length':
    case 'tool_calls':
    case 'content_filter':
    case 'error':
      return value;
    // The pre-tools name, still sent by some OpenAI-compatible servers.
    case 'function_call':
      return 'tool_calls';
    // Anthropic's name for running out of `max_tokens`, passed through by some proxies.
    case 'max_tokens':
      return 'length';
    case null:
    case undefined:
      return undefined;
    default:
      // Vendor-specific reasons ("end_turn", "eos") all mean the model stopped by itself.
      return 'stop';
  }
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
