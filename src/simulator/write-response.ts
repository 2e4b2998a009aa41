import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FaultControls } from './fault-controls.js';
import { errorBody } from './openai-wire.js';

// Cut mid-document on purpose: what a proxy that dies while relaying a body leaves behind.
const MALFORMED_JSON = '{"id":"chatcmpl-malformed","object":"chat.completion","choices":[{"index":0,"message":{"role":"assis';
const MALFORMED_EVENT = 'data: {"id":"chatcmpl-malformed","choices":[{"delta":{"content":"cut\n\n';

export function sendJson(response: ServerResponse, status: number, body: string, controls: FaultControls, retryAfter?: string): void {
  sendBody(response, status, 'application/json', body, controls, retryAfter);
}

/** Any whole body (JSON text, PNG bytes) with `content-length`, cut short by `reset-mid-stream`. */
export function sendBody(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  controls: FaultControls,
  retryAfter?: string,
): void {
  const headers = ['content-type', contentType, 'content-length', String(Buffer.byteLength(body))];
  if (retryAfter !== undefined) headers.push('retry-after', retryAfter);
  response.writeHead(status, headers);
  if (controls.fail !== 'reset-mid-stream') {
    response.end(body);
    return;
  }
  // The head promised the whole length; half of it then a reset is a body cut short.
  const half = Math.floor(body.length / 2);
  response.write(typeof body === 'string' ? body.slice(0, half) : body.subarray(0, half), () => reset(response.socket));
}

export function sendError(
  response: ServerResponse,
  status: number,
  error: { message: string; type: string; param?: string | null; code: string | null },
  controls: FaultControls,
  retryAfter?: string,
): void {
  sendJson(response, status, errorBody(error.message, error.type, error.param ?? null, error.code), controls, retryAfter);
}

export function sendMalformedJson(response: ServerResponse): void {
  response.writeHead(200, ['content-type', 'application/json', 'content-length', String(MALFORMED_JSON.length)]);
  response.end(MALFORMED_JSON);
}

/** Writes SSE events, paced by `chunkDelayMs`, with the stream faults applied. */
export function sendEvents(response: ServerResponse, events: string[], controls: FaultControls, malformedEvent = MALFORMED_EVENT): void {
  if (controls.fail === 'malformed-sse') events.splice(Math.floor(events.length / 2), 0, malformedEvent);
  const stopAt = controls.fail === 'reset-mid-stream' ? Math.floor(events.length / 2) : events.length;
  response.writeHead(200, ['content-type', 'text/event-stream; charset=utf-8', 'cache-control', 'no-cache']);
  const socket = response.socket;
  const finish = () => (stopAt < events.length ? reset(socket) : response.end());

  if (controls.chunkDelayMs === 0) {
    // One write for the whole stream: the zero-delay benchmark path.
    if (stopAt === events.length) response.end(events.join(''));
    else response.write(events.slice(0, stopAt).join(''), finish);
    return;
  }
  let index = 0;
  const writeNext = (): void => {
    if (response.destroyed) return;
    const isLast = index === stopAt - 1;
    response.write(events[index++] as string, isLast ? finish : undefined);
    if (!isLast) setTimeout(writeNext, controls.chunkDelayMs);
  };
  if (stopAt === 0) finish();
  else writeNext();
}

/** Sends a TCP reset, so the client sees ECONNRESET rather than a clean close. */
export function reset(socket: Socket | null): void {
  if (socket !== null && !socket.destroyed) socket.resetAndDestroy();
}
