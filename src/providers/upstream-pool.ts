import { Pool, type Dispatcher } from 'undici';
import { classifyFailure, httpFailure } from './classify-failure.js';
import { registerHeaderCredentials, registerUrlCredentials } from './spec/credentials.js';

export interface UpstreamPoolOptions {
  /** The provider id errors are attributed to. */
  id: string;
  /** Scheme, host and port; any path in it is ignored (each call names its own). */
  origin: string;
  /** Sent on every call, credentials included; never logged nor put in an error. */
  headers: Record<string, string>;
  connectTimeoutMs?: number;
  /** Longest wait for the response head; the gateway's own deadlines abort through the signal first. */
  headersTimeoutMs?: number;
  /** Longest silence between two body chunks. */
  bodyTimeoutMs?: number;
  /** Most sockets open to the upstream at once; unlimited when absent. */
  connections?: number;
}

export type UpstreamBody = Dispatcher.ResponseData['body'];

/**
 * The HTTP half every JSON-over-HTTP adapter shares: one keep-alive pool per upstream, a POST
 * whose every failure comes out as an `UpstreamError`, and a non-2xx answer read (boundedly)
 * into an HTTP error carrying the upstream's message and `Retry-After`.
 */
export interface UpstreamPool {
  /** POSTs `body` as JSON; resolves with a 2xx body, throws an `UpstreamError` otherwise. */
  postJson(path: string, body: unknown, options: { stream: boolean; signal: AbortSignal }): Promise<UpstreamBody>;
  /** GETs a path on this origin (an image the upstream links to); resolves with a 2xx body, throws an `UpstreamError` otherwise. */
  get(path: string, options: { signal: AbortSignal }): Promise<UpstreamBody>;
  /** Reads a whole 2xx body as text, classifying a failure mid-body. */
  readText(body: UpstreamBody, signal: AbortSignal): Promise<string>;
  close(): Promise<void>;
}

// An upstream error body is a few hundred bytes; anything longer is not worth holding.
const ERROR_BODY_LIMIT = 64 * 1024;

export function createUpstreamPool(options: UpstreamPoolOptions): UpstreamPool {
  const { id } = options;
  const pool = new Pool(options.origin, {
    connect: { timeout: options.connectTimeoutMs ?? 10_000 },
    ...(options.headersTimeoutMs === undefined ? {} : { headersTimeout: options.headersTimeoutMs }),
    ...(options.bodyTimeoutMs === undefined ? {} : { bodyTimeout: options.bodyTimeoutMs }),
    ...(options.connections === undefined ? {} : { connections: options.connections }),
  });
  // Whatever credential these headers carry is cut out of every error from now on.
  registerHeaderCredentials(options.headers);
  const baseHeaders = { ...options.headers, 'content-type': 'application/json' };
  const jsonHeaders = { ...baseHeaders, accept: 'application/json' };
  const streamHeaders = { ...baseHeaders, accept: 'text/event-stream' };

  async function send(request: Dispatcher.RequestOptions, signal: AbortSignal): Promise<UpstreamBody> {
    let response: Dispatcher.ResponseData;
    // A key can also ride in the query (`?key=`, a signed URL); only paths with a query pay for the parse.
    if (request.path.includes('?')) registerUrlCredentials(new URL(request.path, options.origin));
    try {
      signal.throwIfAborted();
      response = await pool.request(request);
    } catch (error) {
      throw classifyFailure(error, id, signal);
    }
    return acceptResponse(response, id, signal);
  }

  return {
    postJson(path, body, { stream, signal }) {
      return send({ method: 'POST', path, headers: stream ? streamHeaders : jsonHeaders, body: JSON.stringify(body), signal }, signal);
    },
    get(path, { signal }) {
      return send({ method: 'GET', path, headers: options.headers, signal }, signal);
    },
    async readText(body, signal) {
      try {
        return await body.text();
      } catch (error) {
        throw classifyFailure(error, id, signal);
      }
    },
    async close() {
      await pool.close();
    },
  };
}

/** A 2xx response's body, or the `UpstreamError` its status and error body describe. */
export async function acceptResponse(response: Dispatcher.ResponseData, provider: string, signal: AbortSignal): Promise<UpstreamBody> {
  if (response.statusCode >= 200 && response.statusCode < 300) return response.body;
  const errorBody = await readErrorBody(response.body);
  if (signal.aborted) throw classifyFailure(signal.reason, provider, signal);
  throw httpFailure(provider, response.statusCode, response.headers['retry-after'], errorBody);
}

async function readErrorBody(body: UpstreamBody): Promise<string> {
  const pieces: Buffer[] = [];
  let size = 0;
  try {
    for await (const piece of body as AsyncIterable<Buffer>) {
      pieces.push(piece);
      size += piece.length;
      if (size >= ERROR_BODY_LIMIT) break;
    }
  } catch {
    // The status alone still classifies the failure when the error body is cut short.
  }
  return Buffer.concat(pieces).toString('utf8');
}
