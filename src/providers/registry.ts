import type { Config } from '../config.js';
import { createAnthropicAdapter } from './anthropic/adapter.js';
import { createCerebrasAdapter } from './cerebras/adapter.js';
import { createCohereAdapter } from './cohere/adapter.js';
import { createDeepInfraAdapter } from './deepinfra/adapter.js';
import { createDeepSeekAdapter } from './deepseek/adapter.js';
import { createFalAdapter } from './fal-ai/adapter.js';
import { createFeatherlessAIAdapter } from './featherless-ai/adapter.js';
import { createFireworksAIAdapter } from './fireworks-ai/adapter.js';
import { createGoogleAdapter } from './google/adapter.js';
import { createGroqAdapter } from './groq/adapter.js';
import { createHfInferenceAdapter } from './hf-inference/adapter.js';
import { createMistralAdapter } from './mistral/adapter.js';
import { createNovitaAdapter } from './novita/adapter.js';
import { createNscaleAdapter } from './nscale/adapter.js';
import { createSelfHostedAdapter } from './openai-compatible/adapter.js';
import type { ProviderOptions } from './provider-options.js';
import { createOpenAIAdapter } from './openai/adapter.js';
import { createOpenRouterAdapter } from './openrouter/adapter.js';
import { createPortkeyAdapter } from './portkey/adapter.js';
import { createReplicateAdapter } from './replicate/adapter.js';
import type { ProviderAdapter } from './spec/index.js';
import { createTogetherAdapter } from './together/adapter.js';
import { createXAIAdapter } from './xai/adapter.js';

/**
 * Every upstream provider, one line each: how to build its adapter from configuration, or
 * undefined when it has no credentials (listed as unconfigured, not an error).
 */
export const providerFactories: Record<string, (config: Config) => ProviderAdapter | undefined> = {
  openrouter: (config) =>
    config.OPENROUTER_API_KEY
      ? createOpenRouterAdapter({ apiKey: config.OPENROUTER_API_KEY, baseUrl: config.OPENROUTER_BASE_URL })
      : undefined,
  portkey: (config) =>
    config.PORTKEY_API_KEY
      ? createPortkeyAdapter({
          apiKey: config.PORTKEY_API_KEY,
          baseUrl: config.PORTKEY_BASE_URL,
          provider: config.PORTKEY_PROVIDER,
          virtualKey: config.PORTKEY_VIRTUAL_KEY,
          providerApiKey: config.PORTKEY_PROVIDER_API_KEY,
        })
      : undefined,
  'featherless-ai': (config) => hosted(config.FEATHERLESS_AI_API_KEY, config.FEATHERLESS_AI_BASE_URL, createFeatherlessAIAdapter),
  together: (config) => hosted(config.TOGETHER_API_KEY, config.TOGETHER_BASE_URL, createTogetherAdapter),
  'fireworks-ai': (config) => hosted(config.FIREWORKS_AI_API_KEY, config.FIREWORKS_AI_BASE_URL, createFireworksAIAdapter),
  groq: (config) => hosted(config.GROQ_API_KEY, config.GROQ_BASE_URL, createGroqAdapter),
  deepinfra: (config) => hosted(config.DEEPINFRA_API_KEY, config.DEEPINFRA_BASE_URL, createDeepInfraAdapter),
  novita: (config) => hosted(config.NOVITA_API_KEY, config.NOVITA_BASE_URL, createNovitaAdapter),
  cerebras: (config) => hosted(config.CEREBRAS_API_KEY, config.CEREBRAS_BASE_URL, createCerebrasAdapter),
  nscale: (config) => hosted(config.NSCALE_API_KEY, config.NSCALE_BASE_URL, createNscaleAdapter),
  mistral: (config) => hosted(config.MISTRAL_API_KEY, config.MISTRAL_BASE_URL, createMistralAdapter),
  deepseek: (config) => hosted(config.DEEPSEEK_API_KEY, config.DEEPSEEK_BASE_URL, createDeepSeekAdapter),
  openai: (config) => hosted(config.OPENAI_API_KEY, config.OPENAI_BASE_URL, createOpenAIAdapter),
  xai: (config) => hosted(config.XAI_API_KEY, config.XAI_BASE_URL, createXAIAdapter),
  anthropic: (config) => hosted(config.ANTHROPIC_API_KEY, config.ANTHROPIC_BASE_URL, createAnthropicAdapter),
  google: (config) => hosted(config.GOOGLE_API_KEY, config.GOOGLE_BASE_URL, createGoogleAdapter),
  cohere: (config) => hosted(config.COHERE_API_KEY, config.COHERE_BASE_URL, createCohereAdapter),
  'hf-inference': (config) => hosted(config.HF_INFERENCE_API_KEY, config.HF_INFERENCE_BASE_URL, createHfInferenceAdapter),
  replicate: (config) => hosted(config.REPLICATE_API_KEY, config.REPLICATE_BASE_URL, createReplicateAdapter),
  'fal-ai': (config) => hosted(config.FAL_AI_API_KEY, config.FAL_AI_BASE_URL, createFalAdapter),
  'openai-compatible': (config) =>
    config.OPENAI_COMPATIBLE_BASE_URL
      ? createSelfHostedAdapter({ baseUrl: config.OPENAI_COMPATIBLE_BASE_URL, apiKey: config.OPENAI_COMPATIBLE_API_KEY })
      : undefined,
};

/** A hosted provider is configured by its key; a base URL only overrides the adapter's default. */
function hosted(
  apiKey: string | undefined,
  baseUrl: string | undefined,
  create: (options: ProviderOptions) => ProviderAdapter,
): ProviderAdapter | undefined {
  return apiKey ? create({ apiKey, baseUrl }) : undefined;
}
