import { once } from 'node:events';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import { GatewayError, toErrorResponse } from '../errors.js';
import { serverTiming } from './request-context.js';

/** One server-sent event's data, as an object; serialized once, here. */
export type StreamPayload = Record<string, unknown>;

/**
 * The one place that writes server-sent events: `data: <json>` per payload, then
 * `data: [DONE]` (with the space HF's Python client requires). Stopping early (the client
 * went away) returns the payload iterator, which bills what was delivered.
 */
export async function sendEventStream(reply: FastifyReply, payloads: AsyncIterable<StreamPayload>): Promise<void> {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    ...(reply.getHeaders() as OutgoingHttpHeaders),
    'server-timing': serverTiming(reply.request),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
  });
  try {
    for await (const payload of payloads) {
      if (raw.destroyed) break;
      if (!raw.write(`data: ${JSON.stringify(payload)}\n\n`)) await drained(raw);
    }
    if (!raw.destroyed) raw.end('data: [DONE]\n\n');
  } catch (error) {
    // A GatewayError here is an upstream failure mid-stream, already recorded; anything else is a bug.
    if (error instanceof GatewayError) reply.log.warn({ code: error.code }, 'stream ended by an upstream failure');
    else reply.log.error({ err: error }, 'stream failed');
    if (!raw.destroyed) raw.end(`data: ${JSON.stringify(toErrorResponse(error).body)}\n\n`);
  }
}

function drained(raw: ServerResponse): Promise<unknown> {
  return Promise.race([once(raw, 'drain'), once(raw, 'close')]);
}
