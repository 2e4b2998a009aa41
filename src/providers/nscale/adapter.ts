import { createOpenAICompatibleAdapter, type HostedProviderOptions } from '../openai-compatible/create-openai-compatible-adapter.js';
import type { ProviderAdapter } from '../spec/index.js';

export const nscaleBaseUrl = 'https://inference.api.nscale.com/v1';

export function createNscaleAdapter(options: HostedProviderOptions): ProviderAdapter {
  return createOpenAICompatibleAdapter({
    id: 'nscale',
    baseUrl: options.baseUrl ?? nscaleBaseUrl,
    apiKey: options.apiKey,
    // Nscale serves text-to-image at /v1/images/generations with `b64_json` (as huggingface.js calls it); no embeddings API.
    capabilities: { images: true },
  });
}
