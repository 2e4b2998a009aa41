import { createOpenAICompatibleAdapter, type HostedProviderOptions } from '../openai-compatible/create-openai-compatible-adapter.js';
import type { ProviderAdapter } from '../spec/index.js';

export const mistralBaseUrl = 'https://api.mistral.ai/v1';

export function createMistralAdapter(options: HostedProviderOptions): ProviderAdapter {
  return createOpenAICompatibleAdapter({
    id: 'mistral',
    baseUrl: options.baseUrl ?? mistralBaseUrl,
    apiKey: options.apiKey,
    // Mistral answers 422 "Extra inputs are not permitted" to `stream_options`; it sends stream usage unasked.
    streamOptions: false,
  });
}
