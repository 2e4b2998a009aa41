import { withoutKey, type StreamEvent, type UpstreamError } from './spec/index.js';

/** Stream errors pass through `withoutKey` too: a key can be echoed mid-stream as well. */
export async function* scrubStream(events: AsyncIterable<StreamEvent>, apiKey: string): AsyncGenerator<StreamEvent> {
  try {
    for await (const event of events) yield event.type === 'error' ? { type: 'error', error: withoutKey(event.error, apiKey) as UpstreamError } : event;
  } catch (error) {
    throw withoutKey(error, apiKey);
  }
}
