import { errorInBody } from '../classify-failure.js';
import { isRecord } from '../json.js';
import { emptyUsage, type FinishReason, type UpstreamError, type Usage } from '../spec/index.js';

/**
 * Normalizes a Messages API `usage` object. Anthropic's `input_tokens` already excludes both
 * cache reads and cache writes, so nothing is subtracted: the three add up to the whole prompt.
 */
export function normalizeAnthropicUsage(raw: unknown): Usage {
  if (!isRecord(raw)) return emptyUsage();
  return {
    inputTokens: count(raw.input_tokens),
    outputTokens: count(raw.output_tokens),
    cacheReadTokens: count(raw.cache_read_input_tokens),
    cacheWriteTokens: count(raw.cache_creation_input_tokens),
    // Extended thinking is billed inside `output_tokens` and not reported apart.
    reasoningTokens: 0,
    images: 0,
    raw,
  };
}

/** Maps a `stop_reason`; `null` means the message has not finished yet. */
export function toFinishReason(stopReason: unknown): FinishReason | undefined {
  switch (stopReason) {
    case null:
    case undefined:
      return undefined;
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      // end_turn, stop_sequence, pause_turn: the model stopped by itself.
      return 'stop';
  }
}

// Anthropic's documented error types and the HTTP status each is sent with; an error event
// inside a 200 stream carries only the type, so the status is recovered from it.
const STATUS_BY_ERROR_TYPE: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/** An `{"type":"error","error":{...}}` body or stream event as an `UpstreamError`. */
export function anthropicErrorInBody(provider: string, body: unknown): UpstreamError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  const type = typeof error.type === 'string' ? error.type : '';
  return errorInBody(provider, { code: STATUS_BY_ERROR_TYPE[type] ?? 502, message: error.message });
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
