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

  function translate(sseEvents: SseEvent[]): boolean {
    for (const sseEvent of sseEvents) {
      if (!translator.accept(sseEvent, events)) continue;
      failed = events[events.length - 1]?.type === 'error';
      if (!failed) translator.end(events);
      return true;
    }
    return false;
  }

  try {
    for await (const chunk of body) {
      // After `[DONE]` the rest is read but not parsed, so the socket can go back to the pool.
      if (over) continue;
      over = translate(parser.feed(chunk));
      yield* events.splice(0);
      if (failed) return;
    }
    if (!over) {
      over = translate(parser.end());
      if (!over) translator.end(events);
      yield* events.splice(0);
    }
  } catch (error) {
    // A failure while draining after `finish` changes nothing the consumer has seen.
    if (!over) yield { type: 'error', error: classifyFailure(error, provider, signal) };
  }
}
