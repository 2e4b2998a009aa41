import { once } from 'node:events';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import { GatewayError } from '../errors.js';
import { errorFormatterFor, type ErrorFormatter } from './error-format.js';
import { serverTiming } from './request-context.js';

/**
 * An event's data already serialised, for a stream whose every event repeats a constant part
 * (chat-completion-chunks.ts writes the stream's identity once). Untyped streams only.
 */
export class JsonText {
  constructor(readonly text: string) {}
}

/** One server-sent event's data: an object, serialised once, here, or its JSON text. */
export type StreamPayload = Record<string, unknown> | JsonText;

export interface EventStreamOptions {
  /** The surface's error shape for a failure mid-stream; by default the one of the request's route. */
  format?: ErrorFormatter;
  /**
   * Typed events as the Responses API sends them: `event: <type>` before each `data:`, a
   * `sequence_number` counted here, an `error` event on failure, and no `[DONE]`.
   */
  typed?: boolean;
}

/**
 * The one place that writes server-sent events: `data: <json>` per payload, then
 * `data: [DONE]` (with the space HF's Python client requires). A failure mid-stream ends the
 * stream on one error event in the surface's shape, without `[DONE]` (OpenAI's SDKs raise an
 * APIError on it, HF's clients their stream error). Stopping early (the client went away)
 * returns the payload iterator, which bills what was delivered.
 */
export async function sendEventStream(reply: FastifyReply, payloads: AsyncIterable<StreamPayload>, options: EventStreamOptions = {}): Promise<void> {
  const format = options.format ?? errorFormatterFor(reply.request.url);
  let sequence = 0;
  const event = (payload: StreamPayload): string => {
    if (payload instanceof JsonText) return `data: ${payload.text}\n\n`;
    if (!options.typed) return `data: ${JSON.stringify(payload)}\n\n`;
    const typed = { ...payload, sequence_number: sequence++ };
    return `event: ${String(payload.type)}\ndata: ${JSON.stringify(typed)}\n\n`;
  };
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    ...(reply.getHeaders() as OutgoingHttpHeaders),
    'server-timing': serverTiming(reply.request),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
  });
  // Events that arrive together are relayed in one run of microtasks. They are gathered and
  // written once, on the next tick, when Node would uncork the socket anyway: nothing waits
  // longer, and one write (one chunk of the response) carries them all.
  let pending = '';
  const flush = () => {
    if (pending !== '' && !raw.destroyed) raw.write(pending);
    pending = '';
  };
  try {
    let first = true;
    for await (const payload of payloads) {
      if (raw.destroyed) break;
      const text = event(payload);
      if (first) {
        // The first event leaves at once, before the ones that came with it are relayed.
        first = false;
        await written(raw, text);
        continue;
      }
      if (pending === '') process.nextTick(flush);
      pending += text;
      if (raw.writableNeedDrain) await drained(raw);
    }
    flush();
    if (!raw.destroyed) raw.end(options.typed ? undefined : 'data: [DONE]\n\n');
  } catch (error) {
    // A GatewayError here is an upstream failure mid-stream, already recorded; anything else is a bug.
    if (error instanceof GatewayError) reply.log.warn({ code: error.code }, 'stream ended by an upstream failure');
    else reply.log.error({ err: error }, 'stream failed');
    const { body } = format(error);
    // The Responses API's error event carries the error's fields at the top level too.
    const payload = options.typed ? { type: 'error', ...(body.error as object), ...body } : body;
    flush();
    if (!raw.destroyed) raw.end(event(payload));
  }
}

/** Resolves once `text` has been handed to the socket (or the connection has closed). */
function written(raw: ServerResponse, text: string): Promise<unknown> {
  return Promise.race([new Promise((resolve) => raw.write(text, resolve)), once(raw, 'close')]);
}

function drained(raw: ServerResponse): Promise<unknown> {
  return Promise.race([once(raw, 'drain'), once(raw, 'close')]);
}
