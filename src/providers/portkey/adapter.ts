import { createOpenAICompatibleAdapter } from '../openai-compatible/create-openai-compatible-adapter.js';
import type { ProviderOptions } from '../provider-options.js';
import type { ProviderAdapter } from '../spec/index.js';

export const portkeyBaseUrl = 'https://api.portkey.ai/v1';

export interface PortkeyAdapterOptions extends ProviderOptions {
  /** Portkey's own key, sent as `x-portkey-api-key`. */
  apiKey: string;
  /** The provider to route to (`openai`, or a Model Catalog slug such as `@openai-prod`). */
  provider?: string | undefined;
  /** A virtual key, which names a provider together with its stored credentials. */
  virtualKey?: string | undefined;
  /** The routed provider's own key, when `provider` names one without stored credentials. */
  providerApiKey?: string | undefined;
}

export function createPortkeyAdapter(options: PortkeyAdapterOptions): ProviderAdapter {
  // Portkey authenticates itself by `x-portkey-*` headers; `Authorization` carries the routed provider's key.
  const headers: Record<string, string> = { ...options.headers, 'x-portkey-api-key': options.apiKey };
  if (options.provider) headers['x-portkey-provider'] = options.provider;
  if (options.virtualKey) headers['x-portkey-virtual-key'] = options.virtualKey;
  return createOpenAICompatibleAdapter({
    id: 'portkey',
    baseUrl: options.baseUrl ?? portkeyBaseUrl,
    headers,
    ...(options.providerApiKey ? { apiKey: options.providerApiKey } : {}),
  });
}
