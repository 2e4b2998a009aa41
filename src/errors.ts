/**
 * The gateway's one error type. Every failure a client can see is a `GatewayError` with a code
 * from the closed set below; the table maps each code to exactly one HTTP status and one
 * `error_type`, so the body is always `{"error", "error_type", "message"}`.
 */
export const errorCodes = {
  invalid_request: { status: 400, errorType: 'InvalidRequest' },
  unauthorized: { status: 401, errorType: 'Unauthorized' },
  insufficient_credits: { status: 402, errorType: 'InsufficientCredits' },
  forbidden: { status: 403, errorType: 'Forbidden' },
  not_found: { status: 404, errorType: 'NotFound' },
  method_not_allowed: { status: 405, errorType: 'MethodNotAllowed' },
  conflict: { status: 409, errorType: 'Conflict' },
  // nginx's "client closed request": recorded in the ledger, never sent (nobody is listening).
  client_closed: { status: 499, errorType: 'ClientClosedRequest' },
  payload_too_large: { status: 413, errorType: 'PayloadTooLarge' },
  unprocessable: { status: 422, errorType: 'Unprocessable' },
  unsupported_media_type: { status: 415, errorType: 'UnsupportedMediaType' },
  rate_limited: { status: 429, errorType: 'RateLimited' },
  internal: { status: 500, errorType: 'InternalError' },
  upstream_error: { status: 502, errorType: 'UpstreamError' },
  unavailable: { status: 503, errorType: 'ServiceUnavailable' },
  upstream_timeout: { status: 504, errorType: 'UpstreamTimeout' },
} as const satisfies Record<string, { status: number; errorType: string }>;

export type ErrorCode = keyof typeof errorCodes;

export interface ErrorBody {
  error: string;
  error_type: string;
  message: string;
  /** Machine-readable facts of the failure (a 402's balance, a 429's limit), beside the sentence. */
  [detail: string]: unknown;
}

export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly code: ErrorCode;
  /** Short description, the body's `error`; `message` carries the details. */
  readonly summary: string;
  readonly headers: Record<string, string>;
  /** Extra body fields, e.g. `{ balance_nano_usd, required_nano_usd }` on a 402. */
  readonly facts: Readonly<Record<string, unknown>>;

  constructor(
    code: ErrorCode,
    summary: string,
    details?: string,
    options?: { headers?: Record<string, string>; cause?: unknown; facts?: Record<string, unknown> },
  ) {
    super(details ?? summary, { cause: options?.cause });
    this.code = code;
    this.summary = summary;
    this.headers = options?.headers ?? {};
    this.facts = options?.facts ?? {};
  }

  get status(): number {
    return errorCodes[this.code].status;
  }

  /**
   * `error` is the whole sentence, summary and reason: it is the only field HF's JS client shows
   * ("Failed to perform inference: <error>"). `message` repeats the reason alone.
   */
  toBody(): ErrorBody {
    const error = this.message === this.summary ? this.summary : `${this.summary}: ${this.message}`;
    return { ...this.facts, error, error_type: errorCodes[this.code].errorType, message: this.message };
  }
}

const internalBody: ErrorBody = {
  error: 'Internal server error',
  error_type: errorCodes.internal.errorType,
  message: 'The gateway failed to process the request; quote the Inference-Id header when reporting it.',
};

/** Anything that is not a GatewayError is an internal error whose message must not reach the client. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody; headers: Record<string, string> } {
  const response =
    error instanceof GatewayError ? { status: error.status, body: error.toBody(), headers: error.headers } : { status: 500, body: internalBody, headers: {} };
  // huggingface_hub builds its exception text from this header (and the body's `error`).
  return { ...response, headers: { ...response.headers, 'X-Error-Message': headerSafe(response.body.message) } };
}

/** Header values must be latin-1 without line breaks; the body keeps the exact text. */
function headerSafe(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, 1_000);
}
