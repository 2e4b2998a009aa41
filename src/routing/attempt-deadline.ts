/**
 * The signal one upstream attempt runs under: aborted when the client goes away or when one of
 * the attempt's deadlines passes; `reason` then says which. `end()` must be called when the
 * attempt is over; it clears the timers and the listener at once. (AbortSignal.any +
 * AbortSignal.timeout would keep both alive until the deadline: two minutes of garbage per
 * request on a busy gateway.)
 */
export interface AttemptDeadline {
  signal: AbortSignal;
  end(): void;
  /** An extra, shorter deadline (a stream's first token); the returned function cancels it. */
  within(ms: number, reason: string): () => void;
  /** A deadline that moves: each `touch()` restarts it (one timer, refreshed: no allocation per event). */
  idle(ms: number, reason: string): { touch(): void; cancel(): void };
}

export function startAttempt(clientSignal: AbortSignal, timeoutMs: number, reason: string): AttemptDeadline {
  const controller = new AbortController();
  const expire = (why: string) => () => controller.abort(new DOMException(why, 'TimeoutError'));
  const abortFromClient = () => controller.abort(clientSignal.reason);
  const timer = setTimeout(expire(reason), timeoutMs);
  clientSignal.addEventListener('abort', abortFromClient, { once: true });
  if (clientSignal.aborted) abortFromClient();
  return {
    signal: controller.signal,
    within: (ms, why) => {
      const early = setTimeout(expire(why), ms);
      return () => clearTimeout(early);
    },
    idle: (ms, why) => {
      const idleTimer = setTimeout(expire(why), ms);
      return { touch: () => void idleTimer.refresh(), cancel: () => clearTimeout(idleTimer) };
    },
    end: () => {
      clearTimeout(timer);
      clientSignal.removeEventListener('abort', abortFromClient);
    },
  };
}

/** Why our own deadline aborted the attempt, or undefined when it did not (the client left, or nothing aborted). */
export function deadlineReason(deadline: AttemptDeadline, clientSignal: AbortSignal): string | undefined {
  if (!deadline.signal.aborted || clientSignal.aborted) return undefined;
  const reason: unknown = deadline.signal.reason;
  return reason instanceof Error ? reason.message : 'deadline passed';
}
