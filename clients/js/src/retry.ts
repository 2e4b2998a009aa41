/**
 * The retry policy (the same as openai-node's and the Python client's): a failed attempt is retried
 * on a connection error or timeout, and on 408, 409, 429 and 5xx, for every method — the gateway
 * bills only calls that succeed, so retrying an inference POST cannot double-charge. A stream is
 * retried only before its first byte. Waits honour `Retry-After` (seconds or an HTTP date), then
 * `X-RateLimit-Reset` (epoch seconds), up to 60 s; otherwise exponential backoff from 0.5 s
 * (doubling, capped at 8 s) with up to 25 % jitter taken off, so clients do not retry in lockstep.
 */
export const DEFAULT_MAX_RETRIES = 2;
const INITIAL_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;
const MAX_SERVER_DELAY_MS = 60_000;

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** The wait the server asked for, in ms: `Retry-After`, else `X-RateLimit-Reset`; null when neither parses. */
export function requestedDelayMs(headers: Headers, now: number = Date.now()): number | null {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now;
    if (Number.isFinite(ms)) return Math.max(0, ms);
  }
  const reset = headers.get('x-ratelimit-reset');
  if (reset !== null && reset.trim() !== '' && Number.isFinite(Number(reset))) return Math.max(0, Number(reset) * 1000 - now);
  return null;
}

/** The wait before retry number `retry` (0 for the first): the server's, when it is sane, else backoff. */
export function retryDelayMs(retry: number, headers: Headers | null, random: () => number = Math.random): number {
  const requested = headers ? requestedDelayMs(headers) : null;
  return requested !== null && requested <= MAX_SERVER_DELAY_MS ? requested : backoffDelayMs(retry, random);
}

/** Backoff before retry number `retry` (0 for the first retry). */
export function backoffDelayMs(retry: number, random: () => number = Math.random): number {
  const delay = Math.min(INITIAL_DELAY_MS * 2 ** retry, MAX_DELAY_MS);
  return delay * (1 - 0.25 * random());
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
