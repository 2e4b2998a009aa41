import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A replay server for protocols that take several calls per task (submit, poll, fetch the
 * output): each route (`GET /v1/predictions/abc`) answers its own queue of replies in order,
 * repeating the last one, and bodies may be bytes (images). The single-reply
 * `testing/replay-server.ts` cannot express either.
 */
export interface RouteReply {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export interface RouteRecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON when the body was JSON, else undefined. */
  body: unknown;
}

export interface RouteReplayServer {
  origin: string;
  requests: RouteRecordedRequest[];
  /** Queues replies for `METHOD /path` (query included); the last one repeats. */
  on(route: string, ...replies: RouteReply[]): void;
  /** Forgets routes and requests between tests. */
  reset(): void;
  close(): Promise<void>;
}

/** A JSON fixture recorded as `{ status, headers, body }`, with `rewrite` applied to its text (URLs moved onto the test servers). */
export function jsonRouteFixture(url: URL, rewrite: (text: string) => string = (text) => text): RouteReply {
  const recorded = JSON.parse(rewrite(readFileSync(url, 'utf8'))) as { status: number; headers: Record<string, string>; body: unknown };
  return { status: recorded.status, headers: recorded.headers, body: JSON.stringify(recorded.body) };
}

export function bytesReply(body: Buffer, contentType: string): RouteReply {
  return { status: 200, headers: { 'content-type': contentType }, body };
}

export async function startRouteReplayServer(): Promise<RouteReplayServer> {
  const requests: RouteRecordedRequest[] = [];
  const routes = new Map<string, RouteReply[]>();
  const server = createServer((request, response) => {
    const pieces: Buffer[] = [];
    request.on('data', (piece: Buffer) => pieces.push(piece));
    request.on('end', () => {
      const text = Buffer.concat(pieces).toString('utf8');
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      const route = `${request.method} ${request.url}`;
      requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body });
      const queue = routes.get(route);
      const reply = queue && queue.length > 1 ? queue.shift()! : queue?.[0];
      if (reply === undefined) {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end(`no reply for ${route}`);
        return;
      }
      response.writeHead(reply.status, reply.headers);
      response.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    on(route, ...replies) {
      routes.set(route, replies);
    },
    reset() {
      routes.clear();
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
