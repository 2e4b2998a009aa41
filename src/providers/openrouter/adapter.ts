import { createOpenAICompatibleAdapter } from '../openai-compatible/create-openai-compatible-adapter.js';
import type { ProviderOptions } from '../provider-options.js';
import type { ProviderAdapter } from '../spec/index.js';

export const openRouterBaseUrl = 'https://openrouter.ai/api/v1';

export interface OpenRouterAdapterOptions extends ProviderOptions {
  /** The URL OpenRouter lists the traffic under. */
  appUrl?: string;
}

export function createOpenRouterAdapter(options: OpenRouterAdapterOptions): ProviderAdapter {
  return createOpenAICompatibleAdapter({
    id: 'openrouter',
    baseUrl: options.baseUrl ?? openRouterBaseUrl,
    apiKey: options.apiKey,
    // OpenRouter attributes usage to an app by these headers (its rankings and activity pages).
    headers: { ...options.headers, 'HTTP-Referer': options.appUrl ?? 'https://github.com/terragon-labs/gatewayz', 'X-Title': 'Gatewayz' },
  });
}
