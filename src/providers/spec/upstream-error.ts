/**
 * The one error class adapters throw (or emit in an `error` stream event) for any failure of
 * the upstream call. Adapters classify; the routing loop alone decides what to do with it.
 *
 * - `kind`: `connect` (no connection), `timeout` (an attempt deadline passed), `http` (a non-2xx
 *   answer), `protocol` (a 2xx answer we could not parse: malformed JSON or SSE), `aborted`
 *   (the caller went away).
 * - `isRetryable`: true for connect failures, timeouts and HTTP 408/409/429/5xx. A retryable
 *   error moves to the next attempt or provider; anything else is returned to the client.
 * - `retryAfterMs`: the upstream's `Retry-After`, when it sent one.
 * - `upstreamMessage`: the upstream's own error message, already stripped of anything that
 *   looks like a credential. Never put request bodies or keys in it.
 */
export type UpstreamErrorKind = 'connect' | 'timeout' | 'http' | 'protocol' | 'aborted';

export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  readonly provider: string;
  readonly kind: UpstreamErrorKind;
  readonly status: number | undefined;
  readonly isRetryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly upstreamMessage: string | undefined;

  constructor(options: {
    provider: string;
    kind: UpstreamErrorKind;
    message: string;
    status?: number;
    isRetryable?: boolean;
    retryAfterMs?: number;
    upstreamMessage?: string;
    cause?: unknown;
  }) {
    super(options.message, { cause: options.cause });
    this.provider = options.provider;
    this.kind = options.kind;
    this.status = options.status;
    this.isRetryable = options.isRetryable ?? isRetryableFailure(options.kind, options.status);
    this.retryAfterMs = options.retryAfterMs;
    this.upstreamMessage = options.upstreamMessage === undefined ? undefined : redactSecrets(options.upstreamMessage);
  }
}

export function isRetryableFailure(kind: UpstreamErrorKind, status: number | undefined): boolean {
  if (kind === 'connect' || kind === 'timeout') return true;
  if (kind !== 'http' || status === undefined) return false;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Parses a `Retry-After` header (delta-seconds or HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  const seconds = Number(text);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

// Upstreams sometimes echo the key they were given ("Incorrect API key provided: sk-abc...").
const SECRET_PATTERN = /\b(sk|pk|rk|gw|hf|key|gsk|csk|xai|pplx|fw|nvapi|r8)[-_][A-Za-z0-9_-]{6,}|Bearer\s+\S+/gi;

export function redactSecrets(text: string): string {
  return text.replace(SECRET_PATTERN, '[redacted]').slice(0, 500);
}

/**
 * Removes an adapter's own key from an error. `redactSecrets` knows keys by their prefixes;
 * keys without one (Google's `AIza...`, Cohere's bare tokens, fal's `<uuid>:<hex>`) are cut out
 * here, by value, before the error can reach a log or a client.
 */
export function withoutKey(error: unknown, apiKey: string): unknown {
  if (!(error instanceof UpstreamError) || apiKey === '') return error;
  if (!error.message.includes(apiKey) && !error.upstreamMessage?.includes(apiKey)) return error;
  const scrub = (text: string) => text.split(apiKey).join('[redacted]');
  return new UpstreamError({
    provider: error.provider,
    kind: error.kind,
    message: scrub(error.message),
    isRetryable: error.isRetryable,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    ...(error.upstreamMessage === undefined ? {} : { upstreamMessage: scrub(error.upstreamMessage) }),
  });
}
