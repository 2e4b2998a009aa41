import { UpstreamError, type StreamEvent } from '../spec/index.js';

/**
 * Google keys (`AIza...`) match none of the shared redaction patterns, so an error that echoes
 * one is rebuilt here with the adapter's own key cut out of every text field.
 */
export function scrubApiKey(error: unknown, apiKey: string): unknown {
  if (!(error instanceof UpstreamError) || apiKey === '') return error;
  const scrub = (text: string) => text.split(apiKey).join('[redacted]');
  if (!error.message.includes(apiKey) && !error.upstreamMessage?.includes(apiKey)) return error;
  return new UpstreamError({
    provider: error.provider,
    kind: error.kind,
    message: scrub(error.message),
    isRetryable: error.isRetryable,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    ...(error.upstreamMessage === undefined ? {} : { upstreamMessage: scrub(error.upstreamMessage) }),
  });
}

export async function* scrubStream(events: AsyncIterable<StreamEvent>, apiKey: string): AsyncGenerator<StreamEvent> {
  try {
    for await (const event of events) yield event.type === 'error' ? { type: 'error', error: scrubApiKey(event.error, apiKey) as UpstreamError } : event;
  } catch (error) {
    throw scrubApiKey(error, apiKey);
  }
}
