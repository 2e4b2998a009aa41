import type { Config } from '../config.js';
import { createOpenRouterAdapter } from './openrouter/adapter.js';
import type { ProviderAdapter } from './spec/index.js';

/**
 * Every upstream provider, one line each: how to build its adapter from configuration, or
 * undefined when it has no credentials (listed as unconfigured, not an error).
 */
export const providerFactories: Record<string, (config: Config) => ProviderAdapter | undefined> = {
  openrouter: (config) =>
    config.OPENROUTER_API_KEY
      ? createOpenRouterAdapter({ apiKey: config.OPENROUTER_API_KEY, baseUrl: config.OPENROUTER_BASE_URL })
      : undefined,
};
