import { createOpenAICompatibleAdapter } from '../openai-compatible/create-openai-compatible-adapter.js';
import type { ProviderAdapter } from '../spec/index.js';

export interface OpenRouterAdapterOptions {
  apiKey: string;
  baseUrl?: string;
  /** The URL OpenRouter lists the traffic under. */
  appUrl?: string;
}

export function createOpenRouterAdapter(options: OpenRouterAdapterOptions): ProviderAdapter {
  return createOpenAICompatibleAdapter({
    id: 'openrouter',
    baseUrl: options.baseUrl ?? 'https://openrouter.ai/api/v1',
    apiKey: options.apiKey,
    // OpenRouter attributes usage to an app by these headers (its rankings and activity pages).
    headers: { 'HTTP-Referer': options.appUrl ?? 'https://github.com/terragon-labs/gatewayz', 'X-Title': 'Gatewayz' },
  });
}
