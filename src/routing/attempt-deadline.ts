/**
 * The signal one upstream attempt runs under: aborted when the client goes away or when the
 * attempt's deadline passes. `end()` must be called when the attempt is over; it clears the
 * timer and the listener at once. (AbortSignal.any + AbortSignal.timeout would keep both alive
 * until the deadline — two minutes of garbage per request on a busy gateway.)
 */
export interface AttemptDeadline {
  signal: AbortSignal;
  end(): void;
  /** An extra, shorter deadline (a stream's first token); the returned function cancels it. */
  within(ms: number, what: string): () => void;
}

export function startAttempt(clientSignal: AbortSignal, timeoutMs: number): AttemptDeadline {
  const controller = new AbortController();
  const abortFromClient = () => controller.abort(clientSignal.reason);
  const timer = setTimeout(() => controller.abort(new DOMException('Upstream attempt timed out', 'TimeoutError')), timeoutMs);
  clientSignal.addEventListener('abort', abortFromClient, { once: true });
  if (clientSignal.aborted) abortFromClient();
  return {
    signal: controller.signal,
    within: (ms, what) => {
      const early = setTimeout(() => controller.abort(new DOMException(`${what} timed out`, 'TimeoutError')), ms);
      return () => clearTimeout(early);
    },
    end: () => {
      clearTimeout(timer);
      clientSignal.removeEventListener('abort', abortFromClient);
    },
  };
}
