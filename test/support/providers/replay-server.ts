import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One answer to replay: a recorded fixture, possibly written in small pieces. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Write the body this many bytes at a time, so chunk boundaries fall mid-line and mid-character. */
  pieceBytes?: number;
  /** Keep the response open after the body, like an upstream still generating. */
  hold?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface ReplayServer {
  origin: string;
  requests: RecordedRequest[];
  /** Responses the server saw closed before it ended them (the client went away). */
  readonly abandonedResponses: number;
  reply(next: Reply): void;
  close(): Promise<void>;
}

/** Reads a JSON fixture recorded as `{ status, headers, body }`. */
export function jsonFixture(url: URL): Reply {
  const recorded = JSON.parse(readFileSync(url, 'utf8')) as { status: number; headers: Record<string, string>; body: unknown };
  return { status: recorded.status, headers: recorded.headers, body: JSON.stringify(recorded.body) };
}

/** Reads an SSE fixture (the raw body of a 200 `text/event-stream` answer). */
export function sseFixture(url: URL, pieceBytes?: number): Reply {
  const reply: Reply = { status: 200, headers: { 'content-type': 'text/event-stream' }, body: readFileSync(url, 'utf8') };
  if (pieceBytes !== undefined) reply.pieceBytes = pieceBytes;
  return reply;
}

/** A local HTTP server that records each request and answers with the reply set last. */
export async function startReplayServer(): Promise<ReplayServer> {
  const requests: RecordedRequest[] = [];
  let next: Reply = { status: 500, headers: {}, body: 'no reply set' };
  let abandonedResponses = 0;

  const server = createServer((request, response) => {
    const pieces: Buffer[] = [];
    request.on('data', (piece: Buffer) => pieces.push(piece));
    request.on('end', () => {
      const text = Buffer.concat(pieces).toString('utf8');
      requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: text ? JSON.parse(text) : undefined });
      const reply = next;
      response.on('close', () => {
        if (!response.writableFinished) abandonedResponses += 1;
      });
      response.writeHead(reply.status, reply.headers);
      const bytes = Buffer.from(reply.body, 'utf8');
      const size = reply.pieceBytes ?? bytes.length;
      let offset = 0;
      const writeNext = (): void => {
        if (response.destroyed) return;
        if (offset >= bytes.length) {
          if (!reply.hold) response.end();
          return;
        }
        response.write(bytes.subarray(offset, offset + size));
        offset += size;
        setImmediate(writeNext);
      };
      writeNext();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    get abandonedResponses() {
      return abandonedResponses;
    },
    reply(reply) {
      next = reply;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
