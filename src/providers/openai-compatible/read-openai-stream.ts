import type { StreamEvent } from '../spec/index.js';
import { classifyFailure } from '../classify-failure.js';
import { createOpenAIStreamTranslator } from './openai-stream-translator.js';
import { openAIUsageReader, type UsageReader } from './openai-usage.js';
import { createSseParser, type SseEvent } from '../sse-parser.js';

/**
 * Reads a streaming Chat Completions body into stream events, ending with exactly one `finish`
 * or one `error`. Leaving early (the consumer breaks, the signal aborts, an error event) ends
 * the `for await` over the body, which destroys it and frees its socket.
 */
export async function* readOpenAIStream(
  body: AsyncIterable<Uint8Array>,
  provider: string,
  signal: AbortSignal,
  usage: UsageReader = openAIUsageReader,
): AsyncGenerator<StreamEvent> {
  const parser = createSseParser();
  const translator = createOpenAIStreamTranslator(provider, usage);
  const events: StreamEvent[] = [];
  let over = false;
  let failed = false;

  /** Translates one SSE event into `events`; true when it ended the stream (`[DONE]`, or an error). */
  function translate(sseEvent: SseEvent): boolean {
    if (!translator.accept(sseEvent, events)) return false;
    failed = events[events.length - 1]?.type === 'error';
    if (!failed) translator.end(events);
    return true;
  }

  try {
    for await (const chunk of body) {
      // After `[DONE]` the rest is read but not parsed, so the socket can go back to the pool.
      if (over) continue;
      // Each event leaves as soon as it is translated: the first token does not wait for the
      // rest of a chunk that brought many events at once.
      for (const sseEvent of parser.feed(chunk)) {
        over = translate(sseEvent);
        for (const translated of events) yield translated;
        events.length = 0;
        if (failed) return;
        if (over) break;
      }
    }
    if (!over) {
      over = parser.end().some(translate);
      if (!over) translator.end(events);
      for (const translated of events) yield translated;
    }
  } catch (error) {
    // A failure while draining after `finish` changes nothing the consumer has seen.
    if (!over) yield { type: 'error', error: classifyFailure(error, provider, signal) };
  }
}
