import { createOpenAICompatibleAdapter, type HostedProviderOptions } from '../openai-compatible/create-openai-compatible-adapter.js';
import type { ProviderAdapter } from '../spec/index.js';

export const novitaBaseUrl = 'https://api.novita.ai/v3/openai';

export function createNovitaAdapter(options: HostedProviderOptions): ProviderAdapter {
  return createOpenAICompatibleAdapter({ id: 'novita', baseUrl: options.baseUrl ?? novitaBaseUrl, apiKey: options.apiKey });
}
