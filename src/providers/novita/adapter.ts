import { createOpenAICompatibleAdapter } from '../openai-compatible/create-openai-compatible-adapter.js';
import type { ProviderOptions } from '../provider-options.js';
import type { ProviderAdapter } from '../spec/index.js';

export const novitaBaseUrl = 'https://api.novita.ai/v3/openai';

export function createNovitaAdapter(options: ProviderOptions): ProviderAdapter {
  return createOpenAICompatibleAdapter({ id: 'novita', baseUrl: options.baseUrl ?? novitaBaseUrl, apiKey: options.apiKey, headers: options.headers });
}
