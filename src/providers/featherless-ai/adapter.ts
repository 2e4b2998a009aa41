import { createOpenAICompatibleAdapter } from '../openai-compatible/create-openai-compatible-adapter.js';
import type { ProviderOptions } from '../provider-options.js';
import type { ProviderAdapter } from '../spec/index.js';

export const featherlessAIBaseUrl = 'https://api.featherless.ai/v1';

export function createFeatherlessAIAdapter(options: ProviderOptions): ProviderAdapter {
  return createOpenAICompatibleAdapter({
    id: 'featherless-ai',
    baseUrl: options.baseUrl ?? featherlessAIBaseUrl,
    apiKey: options.apiKey,
    headers: options.headers,
  });
}
