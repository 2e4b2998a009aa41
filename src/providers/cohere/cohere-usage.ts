import { isRecord } from '../json.js';
import { emptyUsage, type FinishReason, type Usage } from '../spec/index.js';

/**
 * Normalizes a v2 `usage` object (or embed's `meta`). Cohere reports two counts: `tokens`, what
 * the model saw, and `billed_units`, what Cohere charges (it leaves out the template and special
 * tokens it adds itself). Billing prices the latter; both stay in `raw`.
 */
export function normalizeCohereUsage(raw: unknown): Usage {
  if (!isRecord(raw)) return emptyUsage();
  const counts = isRecord(raw.billed_units) ? raw.billed_units : isRecord(raw.tokens) ? raw.tokens : {};
  return {
    inputTokens: count(counts.input_tokens),
    outputTokens: count(counts.output_tokens),
    // Cohere bills no cache tier; `cached_tokens`, when sent, is informational and kept in `raw`.
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    images: 0,
    raw,
  };
}

/** Maps a v2 `finish_reason`; absent means the message has not finished. */
export function toFinishReason(finishReason: unknown): FinishReason | undefined {
  switch (finishReason) {
    case undefined:
    case null:
      return undefined;
    case 'MAX_TOKENS':
      return 'length';
    case 'TOOL_CALL':
      return 'tool_calls';
    case 'ERROR':
    case 'TIMEOUT':
      return 'error';
    default:
      // COMPLETE, STOP_SEQUENCE: the model stopped by itself.
      return 'stop';
  }
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
