import { createOpenAICompatibleAdapter, type HostedProviderOptions } from '../openai-compatible/create-openai-compatible-adapter.js';
import type { ProviderAdapter } from '../spec/index.js';

export const togetherBaseUrl = 'https://api.together.xyz/v1';

export function createTogetherAdapter(options: HostedProviderOptions): ProviderAdapter {
  return createOpenAICompatibleAdapter({ id: 'together', baseUrl: options.baseUrl ?? togetherBaseUrl, apiKey: options.apiKey });
}
