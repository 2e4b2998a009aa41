import { createOpenAICompatibleAdapter } from '../openai-compatible/create-openai-compatible-adapter.js';
import type { ProviderOptions } from '../provider-options.js';
import type { ProviderAdapter } from '../spec/index.js';

export const deepInfraBaseUrl = 'https://api.deepinfra.com/v1/openai';

export function createDeepInfraAdapter(options: ProviderOptions): ProviderAdapter {
  return createOpenAICompatibleAdapter({
    id: 'deepinfra',
    baseUrl: options.baseUrl ?? deepInfraBaseUrl,
    apiKey: options.apiKey,
    headers: options.headers,
    // Both documented under /v1/openai; its images API answers `b64_json` only, which is what the factory asks for.
    capabilities: { embeddings: true, images: true },
  });
}
