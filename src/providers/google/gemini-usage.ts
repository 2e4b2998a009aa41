import { errorInBody } from '../classify-failure.js';
import { isRecord } from '../json.js';
import { emptyUsage, type FinishReason, type UpstreamError, type Usage } from '../spec/index.js';

/**
 * Normalizes a Gemini `usageMetadata`. `promptTokenCount` includes `cachedContentTokenCount`,
 * so the cached part is subtracted; `candidatesTokenCount` leaves out `thoughtsTokenCount`,
 * which Google bills as output, so the two are added. Tokens a tool call's result fed back into
 * the prompt (`toolUsePromptTokenCount`) are billed as input.
 */
export function normalizeGeminiUsage(raw: unknown): Usage {
  if (!isRecord(raw)) return emptyUsage();
  const cached = count(raw.cachedContentTokenCount);
  const thoughts = count(raw.thoughtsTokenCount);
  return {
    inputTokens: Math.max(0, count(raw.promptTokenCount) - cached) + count(raw.toolUsePromptTokenCount),
    outputTokens: count(raw.candidatesTokenCount) + thoughts,
    cacheReadTokens: cached,
    // Gemini's context caching is created through its own API and billed as storage, not per call.
    cacheWriteTokens: 0,
    reasoningTokens: thoughts,
    images: 0,
    raw,
  };
}

/** Maps a candidate's `finishReason`; absent means the candidate has not finished yet. */
export function toFinishReason(finishReason: unknown, hasToolCalls: boolean): FinishReason | undefined {
  switch (finishReason) {
    case undefined:
    case null:
    case 'FINISH_REASON_UNSPECIFIED':
      return undefined;
    case 'STOP':
      // Gemini says STOP after a function call too; OpenAI's callers look for tool_calls.
      return hasToolCalls ? 'tool_calls' : 'stop';
    case 'MAX_TOKENS':
      return 'length';
    case 'SAFETY':
    case 'RECITATION':
    case 'BLOCKLIST':
    case 'PROHIBITED_CONTENT':
    case 'SPII':
    case 'IMAGE_SAFETY':
      return 'content_filter';
    case 'MALFORMED_FUNCTION_CALL':
    case 'UNEXPECTED_TOOL_CALL':
      return 'error';
    default:
      // OTHER, LANGUAGE and reasons Google adds later: the model stopped for its own reasons.
      return hasToolCalls ? 'tool_calls' : 'stop';
  }
}

/** An `{"error":{"code","message","status"}}` body (or stream event) as an `UpstreamError`. */
export function geminiErrorInBody(provider: string, error: unknown): UpstreamError {
  return errorInBody(provider, error);
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
