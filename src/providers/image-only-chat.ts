import { UpstreamError, type ProviderAdapter } from './spec/index.js';

/**
 * `chat` and `streamChat` for image-only providers. The contract requires both; the catalog never
 * lists these providers for a chat model, so reaching one is a routing bug, reported as a
 * non-retryable error (retrying the same provider cannot help) rather than a silent fallback.
 */
export function imageOnlyChat(provider: string): Pick<ProviderAdapter, 'chat' | 'streamChat'> {
  const refuse = () =>
    new UpstreamError({ provider, kind: 'http', status: 400, isRetryable: false, message: `${provider} serves image generation only, not chat` });
  return {
    chat: () => Promise.reject(refuse()),
    streamChat: () => ({ [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(refuse()) }) }),
  };
}
