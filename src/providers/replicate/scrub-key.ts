import { UpstreamError } from '../spec/index.js';

/**
 * Removes the adapter's own key from an error. `redactSecrets` knows key shapes by prefix, and
 * neither Replicate's `r8_…` tokens nor fal's `<uuid>:<hex>` keys match one, so an upstream that
 * echoes the key back would otherwise carry it into the error.
 */
export function scrubKey(error: unknown, apiKey: string): unknown {
  if (!(error instanceof UpstreamError) || apiKey === '') return error;
  const scrub = (text: string) => text.replaceAll(apiKey, '[redacted]');
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
