import { parseRetryAfter, redactSecrets, UpstreamError } from './spec/index.js';
import { isRecord } from './json.js';

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
// undici's own socket failures; operating-system ones (ECONNREFUSED, ENOTFOUND...) carry `syscall`.
const CONNECT_CODES = new Set(['UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_DESTROYED', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * Turns anything thrown while calling or reading an upstream into an `UpstreamError`. Only the
 * error code goes into the message: the cause's own text may name the URL, and a URL may carry
 * credentials.
 */
export function classifyFailure(error: unknown, provider: string, signal: AbortSignal): UpstreamError {
  if (error instanceof UpstreamError) return error;
  // Checked first: an abort surfaces as whatever the signal's reason is, or as a socket error.
  if (signal.aborted) {
    return new UpstreamError({ provider, kind: 'aborted', message: `${provider} call was aborted`, cause: error });
  }
  const details = error instanceof Error ? (error as Error & { code?: unknown; syscall?: unknown }) : undefined;
  const code = typeof details?.code === 'string' ? details.code : undefined;
  if (code !== undefined && TIMEOUT_CODES.has(code)) {
    return new UpstreamError({ provider, kind: 'timeout', message: `${provider} did not answer in time (${code})`, cause: error });
  }
  if (code !== undefined && (CONNECT_CODES.has(code) || typeof details?.syscall === 'string')) {
    return new UpstreamError({ provider, kind: 'connect', message: `${provider} connection failed (${code})`, cause: error });
  }
  return new UpstreamError({ provider, kind: 'protocol', message: `${provider} call failed unexpectedly`, cause: error });
}

/** A non-2xx answer. */
export function httpFailure(provider: string, status: number, retryAfter: string | string[] | undefined, bodyText: string): UpstreamError {
  const upstreamMessage = readErrorMessage(bodyText);
  const retryAfterMs = parseRetryAfter(retryAfter);
  return new UpstreamError({
    provider,
    kind: 'http',
    status,
    message: describe(`${provider} answered HTTP ${status}`, upstreamMessage),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(upstreamMessage === undefined ? {} : { upstreamMessage }),
  });
}

/**
 * An `error` object inside a 200 answer: OpenRouter reports failures that happen after it has
 * started answering this way. When it gives no HTTP status, 502 is used because the provider
 * behind it failed, which is what Bad Gateway means.
 */
export function errorInBody(provider: string, error: unknown): UpstreamError {
  const details = isRecord(error) ? error : {};
  const status = typeof details.code === 'number' && details.code >= 400 && details.code < 600 ? details.code : 502;
  const upstreamMessage = typeof details.message === 'string' ? details.message : undefined;
  return new UpstreamError({
    provider,
    kind: 'http',
    status,
    message: describe(`${provider} reported an error while answering`, upstreamMessage),
    ...(upstreamMessage === undefined ? {} : { upstreamMessage }),
  });
}

export function protocolFailure(provider: string, what: string, cause?: unknown): UpstreamError {
  return new UpstreamError({ provider, kind: 'protocol', message: `${provider} ${what}`, cause });
}

function describe(summary: string, upstreamMessage: string | undefined): string {
  return upstreamMessage === undefined ? summary : `${summary}: ${redactSecrets(upstreamMessage)}`;
}

/** Reads the message out of the error bodies OpenAI-compatible servers send. */
function readErrorMessage(bodyText: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    // An HTML page from a proxy says nothing the status does not; do not echo it.
    return undefined;
  }
  if (!isRecord(body)) return undefined;
  // Pydantic validation failures (422): Mistral nests them under `message`, FastAPI servers under `detail`.
  const validation = isRecord(body.message) ? body.message.detail : body.detail;
  if (Array.isArray(validation)) return describeValidation(validation);
  if (isRecord(body.error) && typeof body.error.message === 'string') return body.error.message;
  if (typeof body.error === 'string') return body.error; // TGI
  if (typeof body.message === 'string') return body.message; // vLLM
  if (typeof body.detail === 'string') return body.detail; // FastAPI-based servers
  if (isRecord(body.detail) && typeof body.detail.error === 'string') return body.detail.error; // DeepInfra
  return undefined;
}

/** `msg` and `loc` of each problem; never `input`, which can echo the prompt. */
function describeValidation(problems: unknown[]): string | undefined {
  const lines = problems.flatMap((problem) => {
    if (!isRecord(problem) || typeof problem.msg !== 'string') return [];
    return [Array.isArray(problem.loc) ? `${problem.loc.join('.')}: ${problem.msg}` : problem.msg];
  });
  return lines.length > 0 ? lines.join('; ') : undefined;
}
