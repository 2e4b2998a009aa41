import { scrubbedCause, scrubCredentials } from './credentials.js';

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
 *
 * Every credential an upstream pool sends is cut out of `message`, `upstreamMessage` and the
 * `cause` chain right here (`credentials.ts`), so no error can carry one, whichever provider,
 * adapter or stream produced it.
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
    super(scrubCredentials(options.message), { cause: scrubbedCause(options.cause) });
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

// Keys the gateway did not send (a user's, pasted into a prompt the upstream quotes) are only
// recognisable by their prefixes; the ones it sent are removed by value first.
const SECRET_PATTERN = /\b(sk|pk|rk|gw|hf|key|gsk|csk|xai|pplx|fw|nvapi|r8)[-_][A-Za-z0-9_-]{6,}|Bearer\s+\S+/gi;

export function redactSecrets(text: string): string {
  return scrubCredentials(text).replace(SECRET_PATTERN, '[redacted]').slice(0, 500);
}
