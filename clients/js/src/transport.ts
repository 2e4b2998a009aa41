import { AbortError, ConnectionError, errorClassFor, GatewayzError, RateLimitError, TimeoutError } from './errors.js';
import { DEFAULT_MAX_RETRIES, isRetryableStatus, requestedDelayMs, retryDelayMs, sleep } from './retry.js';

export interface ClientOptions {
  /** The gateway's origin. Default: the `GATEWAYZ_BASE_URL` environment variable, else `http://localhost:8080`. */
  baseUrl?: string;
  /** Milliseconds to wait for each attempt's response (for a stream: its headers). Default 60 000. */
  timeout?: number;
  /** Retries after the first attempt (see the README's retry policy). Default 2; 0 turns retries off. */
  maxRetries?: number;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** The fetch to use (default: the global one), e.g. a proxying fetch, or a fake in tests. */
  fetch?: typeof fetch;
}

/** Per-call options, the last argument of every method. */
export interface RequestOptions {
  signal?: AbortSignal;
  timeout?: number;
  maxRetries?: number;
  headers?: Record<string, string>;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  accept?: string;
}

/** A response whose status is 2xx; `release()` ends the attempt's timer and abort wiring. */
export interface OpenResponse {
  response: Response;
  signal: AbortSignal;
  release(): void;
}

const DEFAULT_BASE_URL = 'http://localhost:8080';
const DEFAULT_TIMEOUT_MS = 60_000;

/** Reads an environment variable where there is an environment (Node), nothing in a browser. */
export function environment(name: string): string | undefined {
  const process = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  const value = process?.env?.[name];
  return value === undefined || value === '' ? undefined : value;
}

export class Transport {
  readonly baseUrl: string;
  readonly #apiKey: string;
  readonly #options: ClientOptions;

  constructor(apiKey: string | undefined, options: ClientOptions = {}) {
    const key = apiKey ?? environment('GATEWAYZ_API_KEY');
    if (!key) throw new GatewayzError('No API key: pass one to createClient or set GATEWAYZ_API_KEY');
    this.#apiKey = key;
    this.#options = options;
    this.baseUrl = (options.baseUrl ?? environment('GATEWAYZ_BASE_URL') ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  }

  /** Sends with retries; resolves to a 2xx response, or throws the GatewayzError for the failure. */
  async open(request: HttpRequest, options: RequestOptions = {}): Promise<OpenResponse> {
    const maxRetries = options.maxRetries ?? this.#options.maxRetries ?? DEFAULT_MAX_RETRIES;
    for (let retry = 0; ; retry += 1) {
      const attempt = this.#attempt(request, options);
      let response: Response;
      try {
        response = await attempt.sent;
      } catch (error) {
        attempt.release();
        if (error instanceof AbortError || retry >= maxRetries) throw error;
        await sleep(retryDelayMs(retry, null), options.signal).catch((reason) => Promise.reject(aborted(reason)));
        continue;
      }
      if (response.ok) return { response, signal: attempt.signal, release: attempt.release };
      const canRetry = isRetryableStatus(response.status) && retry < maxRetries;
      const failure = canRetry ? null : await errorFrom(response);
      attempt.release();
      if (failure) throw failure;
      await response.body?.cancel().catch(() => undefined);
      await sleep(retryDelayMs(retry, response.headers), options.signal).catch((reason) => Promise.reject(aborted(reason)));
    }
  }

  /** A GET or POST answered with JSON. */
  async json<T>(request: HttpRequest, options?: RequestOptions): Promise<{ body: T; headers: Headers }> {
    const { response, release } = await this.open(request, options);
    try {
      return { body: (await response.json()) as T, headers: response.headers };
    } catch (error) {
      throw readFailure(error, response);
    } finally {
      release();
    }
  }

  /** A GET answered with text (the usage CSV). */
  async text(request: HttpRequest, options?: RequestOptions): Promise<string> {
    const { response, release } = await this.open(request, options);
    try {
      return await response.text();
    } catch (error) {
      throw readFailure(error, response);
    } finally {
      release();
    }
  }

  #attempt(request: HttpRequest, options: RequestOptions) {
    const controller = new AbortController();
    const timeoutMs = options.timeout ?? this.#options.timeout ?? DEFAULT_TIMEOUT_MS;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new TimeoutError(`No response within ${timeoutMs} ms`));
    }, timeoutMs);
    const onAbort = () => controller.abort(aborted(options.signal?.reason));
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const release = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };
    const url = new URL(this.baseUrl + request.path);
    for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    const headers: Record<string, string> = {
      accept: request.accept ?? 'application/json',
      ...this.#options.headers,
      ...options.headers,
      authorization: `Bearer ${this.#apiKey}`,
    };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const fetcher = this.#options.fetch ?? globalThis.fetch;
    const sent = fetcher(url, {
      method: request.method,
      headers,
      signal: controller.signal,
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    }).catch((error: unknown) => {
      if (options.signal?.aborted) throw aborted(options.signal.reason);
      if (timedOut) throw new TimeoutError(`No response within ${timeoutMs} ms`, { cause: error });
      throw new ConnectionError(`Could not reach the gateway at ${this.baseUrl}`, { cause: error });
    });
    // Timeouts cover the wait for the headers, and for a JSON body until it is read; `release` ends them.
    return { sent, signal: controller.signal, release };
  }
}

function aborted(reason: unknown): GatewayzError {
  return reason instanceof GatewayzError ? reason : new AbortError('The request was aborted', { cause: reason });
}

function readFailure(error: unknown, response: Response): GatewayzError {
  if (error instanceof GatewayzError) return error;
  const inferenceId = response.headers.get('inference-id');
  if (error instanceof DOMException && error.name === 'AbortError') return aborted(error);
  return new ConnectionError('The response ended before its body was read', { cause: error, inferenceId, status: response.status });
}

/** The typed error for an error response, from its `{error, error_type, message, ...facts}` body. */
export async function errorFrom(response: Response): Promise<GatewayzError> {
  const text = await response.text().catch(() => '');
  let body: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's HTML page): the status alone classifies it.
  }
  const summary = typeof body?.['error'] === 'string' ? body['error'] : `HTTP ${response.status}`;
  const detail = typeof body?.['message'] === 'string' && !summary.includes(body['message']) ? `: ${body['message']}` : '';
  const details = {
    status: response.status,
    errorType: typeof body?.['error_type'] === 'string' ? body['error_type'] : null,
    inferenceId: response.headers.get('inference-id'),
    body,
    headers: response.headers,
  };
  const ErrorClass = errorClassFor(response.status);
  if (ErrorClass === RateLimitError) return new RateLimitError(summary + detail, { ...details, retryAfterMs: requestedDelayMs(response.headers) });
  return new ErrorClass(summary + detail, details);
}
