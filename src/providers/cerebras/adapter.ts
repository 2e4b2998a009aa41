import { createOpenAICompatibleAdapter } from '../openai-compatible/create-openai-compatible-adapter.js';
import type { ProviderOptions } from '../provider-options.js';
import type { ProviderAdapter } from '../spec/index.js';

export const cerebrasBaseUrl = 'https://api.cerebras.ai/v1';

export function createCerebrasAdapter(options: ProviderOptions): ProviderAdapter {
  return createOpenAICompatibleAdapter({ id: 'cerebras', baseUrl: options.baseUrl ?? cerebrasBaseUrl, apiKey: options.apiKey, headers: options.headers });
}
