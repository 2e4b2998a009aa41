import { createOpenAICompatibleAdapter } from '../openai-compatible/create-openai-compatible-adapter.js';
import type { ProviderOptions } from '../provider-options.js';
import type { ProviderAdapter } from '../spec/index.js';

// Fireworks serves its OpenAI-compatible API under `/inference/v1`, not `/v1`.
export const fireworksAIBaseUrl = 'https://api.fireworks.ai/inference/v1';

export function createFireworksAIAdapter(options: ProviderOptions): ProviderAdapter {
  return createOpenAICompatibleAdapter({
    id: 'fireworks-ai',
    baseUrl: options.baseUrl ?? fireworksAIBaseUrl,
    apiKey: options.apiKey,
    headers: options.headers,
    // Its embeddings API is OpenAI's; its image models are served by a different, non-OpenAI API.
    capabilities: { embeddings: true },
  });
}
