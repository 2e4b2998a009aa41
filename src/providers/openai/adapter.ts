import { createOpenAICompatibleAdapter, type HostedProviderOptions } from '../openai-compatible/create-openai-compatible-adapter.js';
import type { ProviderAdapter } from '../spec/index.js';

export const openAIBaseUrl = 'https://api.openai.com/v1';

export function createOpenAIAdapter(options: HostedProviderOptions): ProviderAdapter {
  return createOpenAICompatibleAdapter({ id: 'openai', baseUrl: options.baseUrl ?? openAIBaseUrl, apiKey: options.apiKey });
}
