/**
 * One error class per status family, all extending `GatewayzError`. Each carries what the gateway
 * said (`errorType`, `message`), the HTTP `status`, the `Inference-Id` of the failed request, and
 * the whole parsed `body` (the documented facts, e.g. the balance of a 402, are fields of it).
 */
export class GatewayzError extends Error {
  override readonly name: string = 'GatewayzError';
  /** The body's `error_type` (e.g. `Unauthorized`, `RateLimited`); null when there was no response. */
  readonly errorType: string | null;
  /** The HTTP status; null when no response arrived (connection error, timeout, abort). */
  readonly status: number | null;
  /** The `Inference-Id` header of the response, to quote when reporting a problem. */
  readonly inferenceId: string | null;
  readonly body: Record<string, unknown> | null;
  readonly headers: Headers | null;

  constructor(
    message: string,
    details: {
      status?: number | null;
      errorType?: string | null;
      inferenceId?: string | null;
      body?: Record<string, unknown> | null;
      headers?: Headers | null;
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status ?? null;
    this.errorType = details.errorType ?? null;
    this.inferenceId = details.inferenceId ?? null;
    this.body = details.body ?? null;
    this.headers = details.headers ?? null;
  }
}

/** The response had an error status; its body is the gateway's `{error, error_type, message, ...facts}`. */
export class APIError extends GatewayzError {
  override readonly name: string = 'APIError';
  declare readonly status: number;
}
/** 400 or 422: the request was refused as invalid. */
export class BadRequestError extends APIError {
  override readonly name = 'BadRequestError';
}
/** 401: missing, unknown or revoked API key. */
export class AuthenticationError extends APIError {
  override readonly name = 'AuthenticationError';
}
/** 403: the key lacks the scope the endpoint needs. */
export class PermissionDeniedError extends APIError {
  override readonly name = 'PermissionDeniedError';
}
/** 404: unknown model or route. */
export class NotFoundError extends APIError {
  override readonly name = 'NotFoundError';
}

/** 402: the balance or a key's spending limit cannot cover the call. */
export class InsufficientCreditsError extends APIError {
  override readonly name = 'InsufficientCreditsError';
  /** Which limit refused: the account `balance`, the key's `key_total` or its `key_daily` budget. */
  readonly limit: 'balance' | 'key_total' | 'key_daily' | null;
  /** Nano-USD still available under that limit. */
  readonly availableNanoUsd: bigint | null;
  /** Nano-USD the call needed. */
  readonly requiredNanoUsd: bigint | null;
  constructor(message: string, details: ConstructorParameters<typeof GatewayzError>[1] = {}) {
    super(message, details);
    const body = details.body ?? {};
    this.limit = (['balance', 'key_total', 'key_daily'] as const).find((limit) => limit === body['limit']) ?? null;
    this.availableNanoUsd = toBigInt(body['available_nano_usd']);
    this.requiredNanoUsd = toBigInt(body['required_nano_usd']);
  }
}

/** 429: a rate limit refused the call; `retryAfter` (seconds) says when to try again. */
export class RateLimitError extends APIError {
  override readonly name = 'RateLimitError';
  /** `key`, `user` or `global`. */
  readonly limitLevel: 'key' | 'user' | 'global' | null;
  /** `requests` or `tokens`. */
  readonly limitKind: 'requests' | 'tokens' | null;
  /** Seconds to wait, from `Retry-After` (or `X-RateLimit-Reset`); null when neither was sent. */
  readonly retryAfter: number | null;
  /** `X-RateLimit-Limit`, `-Remaining` and `-Reset` (epoch seconds), when sent. */
  readonly rateLimit: { limit: number | null; remaining: number | null; reset: number | null };
  constructor(message: string, details: ConstructorParameters<typeof GatewayzError>[1] & { retryAfterMs?: number | null } = {}) {
    super(message, details);
    const body = details.body ?? {};
    this.limitLevel = (['key', 'user', 'global'] as const).find((level) => level === body['limit_level']) ?? null;
    this.limitKind = (['requests', 'tokens'] as const).find((kind) => kind === body['limit_kind']) ?? null;
    this.retryAfter = details.retryAfterMs === undefined || details.retryAfterMs === null ? null : details.retryAfterMs / 1000;
    const header = (name: string) => toNumber(details.headers?.get(name) ?? null);
    this.rateLimit = { limit: header('x-ratelimit-limit'), remaining: header('x-ratelimit-remaining'), reset: header('x-ratelimit-reset') };
  }
}

/** 5xx: the gateway or the provider behind it failed. */
export class UpstreamError extends APIError {
  override readonly name = 'UpstreamError';
}

/** No response: the connection failed (refused, reset, DNS). */
export class ConnectionError extends GatewayzError {
  override readonly name: string = 'ConnectionError';
}
/** No response within the client's `timeout`. */
export class TimeoutError extends ConnectionError {
  override readonly name = 'TimeoutError';
}
/** The caller's `AbortSignal` fired. */
export class AbortError extends GatewayzError {
  override readonly name = 'AbortError';
}

/** The error class for an error status. */
export function errorClassFor(status: number): typeof APIError {
  if (status === 400 || status === 422) return BadRequestError;
  if (status === 401) return AuthenticationError;
  if (status === 402) return InsufficientCreditsError;
  if (status === 403) return PermissionDeniedError;
  if (status === 404) return NotFoundError;
  if (status === 429) return RateLimitError;
  if (status >= 500) return UpstreamError;
  return APIError;
}

function toBigInt(value: unknown): bigint | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  return null;
}

function toNumber(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}
