import { createOpenAICompatibleAdapter } from '../openai-compatible/create-openai-compatible-adapter.js';
import type { ProviderOptions } from '../provider-options.js';
import type { ProviderAdapter } from '../spec/index.js';

export const nscaleBaseUrl = 'https://inference.api.nscale.com/v1';

export function createNscaleAdapter(options: ProviderOptions): ProviderAdapter {
  return createOpenAICompatibleAdapter({
    id: 'nscale',
    baseUrl: options.baseUrl ?? nscaleBaseUrl,
    apiKey: options.apiKey,
    headers: options.headers,
    // Nscale serves text-to-image at /v1/images/generations with `b64_json` (as huggingface.js calls it); no embeddings API.
    capabilities: { images: true },
  });
}
