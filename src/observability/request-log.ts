import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { write, writeSync } from 'node:fs';

/**
 * What request logging may show of a request. A key can arrive in the query string
 * (`?api_key=gw_live_...`, from clients that cannot set headers) and Fastify logs every URL, so
 * query values never reach a log line; only short, identifier-like parameter names survive, since
 * a name can be a secret too (`?gw_live_...`). Headers are not logged at all; the redact paths
 * cover any log call that passes them explicitly.
 */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart === -1) return url;
  const query = url.slice(queryStart + 1);
  if (query === '') return url;
  const parts = query.split('&').map((part) => {
    const name = part.split('=', 1)[0]!;
    return safeName.test(name) ? `${name}=[redacted]` : '[redacted]';
  });
  return `${url.slice(0, queryStart)}?${parts.join('&')}`;
}

const safeName = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/;

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number | undefined } | null;
}

export function serializeRequest(request: LoggedRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

export const redactedLogPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["proxy-authorization"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
];

/**
 * The pino options for the gateway's logger (server.ts); tests add a `stream`. Lines reach stdout
 * through `AsyncLineWriter`, off the request's path.
 */
export function loggerOptions(level: string, stream: { write(line: string): void } = new AsyncLineWriter(1)) {
  return { level, redact: redactedLogPaths, serializers: { req: serializeRequest }, stream };
}

/**
 * Fastify's request log lines, replaced: its two lines per request (and its per-request error
 * lines, which the gateway's error handler writes itself) are off, and `accessLogLine` is the one
 * line, at info, written with the app's logger once the response is sent.
 */
export class AccessLogController extends LogController {
  constructor() {
    super({ disableRequestLogging: true });
  }

  override requestCompleted(_error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const { log } = request.server;
    if (levelsShowingInfo.has(log.level)) log.info(accessLogLine(request, reply.statusCode, reply.elapsedTime), 'request');
  }
}

const levelsShowingInfo = new Set(['info', 'debug', 'trace']);

interface AccessLogged {
  method: string;
  url: string;
  id: string;
  routeOptions: { url?: string | undefined };
}

/**
 * The one access-log line of a request, at info, once its response is sent: the route pattern, the
 * URL with its query values redacted, the status, the time and the Inference-Id. No header, no
 * body, no query value.
 */
export function accessLogLine(request: AccessLogged, statusCode: number, elapsedMs: number) {
  return {
    method: request.method,
    route: request.routeOptions.url,
    url: redactUrl(request.url),
    status: statusCode,
    ms: Math.round(elapsedMs * 1000) / 1000,
    inferenceId: request.id,
  };
}

/**
 * A write stream for log lines that never blocks the event loop on the terminal or file: lines
 * are queued and written with one asynchronous `fs.write` at a time (what pino's
 * `destination({ sync: false })` does). Whatever is still queued when the process exits is
 * written synchronously then, so a shutdown or a crash loses no line. A reader that stops reading
 * cannot grow it without bound: past `maxQueuedBytes` lines are dropped and counted.
 */
export class AsyncLineWriter {
  private queue: string[] = [];
  private queuedBytes = 0;
  private writing = false;
  dropped = 0;

  constructor(
    private readonly fd: number,
    private readonly maxQueuedBytes = 16 * 1024 * 1024,
  ) {
    process.once('exit', () => this.flushSync());
  }

  write(line: string): void {
    if (this.queuedBytes + line.length > this.maxQueuedBytes) {
      this.dropped += 1;
      return;
    }
    this.queue.push(line);
    this.queuedBytes += line.length;
    if (!this.writing) this.writeNext();
  }

  private idleWaiters: (() => void)[] = [];

  /** Resolves once every line written so far has reached the file descriptor. */
  idle(): Promise<void> {
    if (!this.writing) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private writeNext(): void {
    if (this.queue.length === 0) {
      this.writing = false;
      for (const resolve of this.idleWaiters.splice(0)) resolve();
      return;
    }
    this.writing = true;
    const chunk = Buffer.from(this.queue.join(''), 'utf8');
    this.queue = [];
    this.queuedBytes = 0;
    this.writeBuffer(chunk, 0);
  }

  private writeBuffer(chunk: Buffer, offset: number): void {
    write(this.fd, chunk, offset, chunk.length - offset, null, (error, written) => {
      if (error) {
        if (error.code === 'EAGAIN') return setTimeout(() => this.writeBuffer(chunk, offset), 1);
        // A closed stdout: nothing more can be written; drop quietly.
        this.queue = [];
        this.queuedBytes = 0;
        return this.writeNext();
      }
      if (offset + written < chunk.length) return this.writeBuffer(chunk, offset + written);
      this.writeNext();
    });
  }

  /** Writes what is queued now, synchronously: at exit, when nothing asynchronous runs any more. */
  flushSync(): void {
    if (this.queue.length === 0) return;
    const text = this.queue.join('');
    this.queue = [];
    this.queuedBytes = 0;
    try {
      writeSync(this.fd, text);
    } catch {
      // stdout is gone: nothing to write to
    }
  }
}
