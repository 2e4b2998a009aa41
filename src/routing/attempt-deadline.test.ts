import { describe, expect, it } from 'vitest';
import { AttemptSignals, startAttempt } from './attempt-deadline.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('attempt signals', () => {
  it('share one signal between attempts that end without an abort', () => {
    const signals = new AttemptSignals();
    const first = startAttempt(signals, 1_000, 'no answer');
    first.end();
    const second = startAttempt(signals, 1_000, 'no answer');
    second.end();
    expect(second.signal).toBe(first.signal);
    expect(second.signal.aborted).toBe(false);
  });

  it('abort an attempt at its deadline, saying which, and give the next attempt a live signal', async () => {
    const signals = new AttemptSignals();
    const slow = startAttempt(signals, 1_000, 'no answer within 1 s');
    slow.within(10, 'no first token within 0.01 s');
    await tick(30);
    expect(slow.signal.aborted).toBe(true);
    expect(slow.expiredReason()).toBe('no first token within 0.01 s');
    slow.end();
    const next = startAttempt(signals, 1_000, 'no answer');
    expect(next.signal.aborted).toBe(false);
    expect(next.expiredReason()).toBeUndefined();
    next.end();
  });

  it("abort the running attempt when the client leaves, start every later one aborted, and call none of it a deadline's", async () => {
    const signals = new AttemptSignals();
    const running = startAttempt(signals, 10, 'no answer');
    signals.clientGone();
    await tick(30);
    expect(running.signal.aborted).toBe(true);
    expect(running.expiredReason()).toBeUndefined();
    running.end();
    expect(startAttempt(signals, 1_000, 'no answer').signal.aborted).toBe(true);
    expect(signals.current().aborted).toBe(true);
  });

  it('leave a later attempt alone when an earlier attempt’s deadline fires late', () => {
    const signals = new AttemptSignals();
    const earlier = signals.current();
    signals.expire(earlier, 'stale');
    const later = signals.current();
    signals.expire(earlier, 'stale again');
    expect(later.aborted).toBe(false);
  });
});
