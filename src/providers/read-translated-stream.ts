import { classifyFailure, protocolFailure } from './classify-failure.js';
import { createSseParser, type SseEvent } from './sse-parser.js';
import type { StreamEvent } from './spec/index.js';

/** Translates one SSE event into `events`; true when it was the protocol's end marker. */
export type StreamTranslator = (event: SseEvent, events: StreamEvent[]) => boolean;

/**
 * The reading loop of every streaming protocol that ends with a marker event (Anthropic's
 * `message_stop`, Cohere's `message-end`): SSE bytes in, stream events out, ending with exactly
 * one `finish` or one `error`. After the marker the rest of the body is read but not parsed, so
 * the socket can go back to the pool; leaving early ends the `for await`, which destroys the
 * body and frees its socket. A body that ends before the marker is a protocol error.
 */
export async function* readTranslatedStream(
  body: AsyncIterable<Uint8Array>,
  provider: string,
  signal: AbortSignal,
  translate: StreamTranslator,
  endMarker: string,
): AsyncGenerator<StreamEvent> {
  const parser = createSseParser();
  const events: StreamEvent[] = [];
  let over = false;
  try {
    for await (const chunk of body) {
      if (over) continue;
      // Each event leaves as soon as it is translated, not after the rest of its chunk.
      for (const event of parser.feed(chunk)) {
        over = translate(event, events);
        const failed = events.at(-1)?.type === 'error';
        for (const translated of events) yield translated;
        events.length = 0;
        if (failed) return;
        if (over) break;
      }
    }
    if (!over) {
      over = parser.end().some((event) => translate(event, events));
      if (!over) events.push({ type: 'error', error: protocolFailure(provider, `ended the stream before ${endMarker}`) });
      for (const translated of events) yield translated;
    }
  } catch (error) {
    // A failure while draining after the marker changes nothing the consumer has seen.
    if (!over) yield { type: 'error', error: classifyFailure(error, provider, signal) };
  }
}
