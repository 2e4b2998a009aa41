import { anthropicBaseUrl, createAnthropicAdapter } from './anthropic/adapter.js';
import { cerebrasBaseUrl, createCerebrasAdapter } from './cerebras/adapter.js';
import { cohereBaseUrl, createCohereAdapter } from './cohere/adapter.js';
import { createDeepInfraAdapter, deepInfraBaseUrl } from './deepinfra/adapter.js';
import { createDeepSeekAdapter, deepSeekBaseUrl } from './deepseek/adapter.js';
import { createFalAdapter, falBaseUrl } from './fal-ai/adapter.js';
import { createFeatherlessAIAdapter, featherlessAIBaseUrl } from './featherless-ai/adapter.js';
import { createFireworksAIAdapter, fireworksAIBaseUrl } from './fireworks-ai/adapter.js';
import { createGoogleAdapter, googleBaseUrl } from './google/adapter.js';
import { createGroqAdapter, groqBaseUrl } from './groq/adapter.js';
import { createHfInferenceAdapter, hfInferenceBaseUrl } from './hf-inference/adapter.js';
import { createMistralAdapter, mistralBaseUrl } from './mistral/adapter.js';
import { createNovitaAdapter, novitaBaseUrl } from './novita/adapter.js';
import { createNscaleAdapter, nscaleBaseUrl } from './nscale/adapter.js';
import { createSelfHostedAdapter } from './openai-compatible/adapter.js';
import { createOpenAIAdapter, openAIBaseUrl } from './openai/adapter.js';
import { createOpenRouterAdapter, openRouterBaseUrl } from './openrouter/adapter.js';
import { createPortkeyAdapter, portkeyBaseUrl } from './portkey/adapter.js';
import type { ProviderOptions } from './provider-options.js';
import { createReplicateAdapter, replicateBaseUrl } from './replicate/adapter.js';
import type { ProviderAdapter } from './spec/index.js';
import { createTogetherAdapter, togetherBaseUrl } from './together/adapter.js';
import { createXAIAdapter, xAIBaseUrl } from './xai/adapter.js';

export type ProviderCapability = 'chat' | 'embeddings' | 'images';

/**
 * What a provider's factory receives: the values of its environment variables, nothing else
 * (the provider table sits below `config.ts`, which derives its schema from it).
 */
export interface ProviderSettings {
  /** `<PREFIX>_API_KEY`; empty only for `openai-compatible`, which a base URL configures. */
  apiKey: string;
  /** `<PREFIX>_BASE_URL`, or the table's default when unset. */
  baseUrl: string | undefined;
  /** The provider's extra variables (`PORTKEY_PROVIDER`...), by full name. */
  extras: Readonly<Record<string, string | undefined>>;
  headers?: Record<string, string> | undefined;
}

/**
 * One upstream provider. Its variables are `<PREFIX>_API_KEY` and `<PREFIX>_BASE_URL`, where
 * the prefix is the id upper-cased with `-` as `_` (`fal-ai` -> `FAL_AI_API_KEY`).
 */
export interface ProviderDefinition {
  readonly id: string;
  /** Undefined only where the operator must say where the server is (`openai-compatible`). */
  readonly defaultBaseUrl: string | undefined;
  readonly capabilities: readonly ProviderCapability[];
  /** What makes the provider configured: its key, or (self-hosted servers) its base URL. */
  readonly configuredBy: 'apiKey' | 'baseUrl';
  /** Variables besides the key and base URL, each with the sentence the README shows. */
  readonly extraEnv?: Readonly<Record<string, string>>;
  create(settings: ProviderSettings): ProviderAdapter;
}

/** Most providers: a key, a base URL override, and an adapter built from both. */
function keyed(create: (options: ProviderOptions) => ProviderAdapter) {
  return (settings: ProviderSettings) => create({ apiKey: settings.apiKey, baseUrl: settings.baseUrl, headers: settings.headers });
}

/**
 * Every upstream provider, once. The environment schema, "configured" detection, adapter
 * construction, `/health`'s list and the README's table all derive from it. The order is the
 * order adapters are built in, which routing keeps among equal candidates.
 */
export const providerTable = [
  { id: 'openrouter', defaultBaseUrl: openRouterBaseUrl, capabilities: ['chat'], configuredBy: 'apiKey', create: keyed(createOpenRouterAdapter) },
  {
    id: 'portkey',
    defaultBaseUrl: portkeyBaseUrl,
    capabilities: ['chat'],
    configuredBy: 'apiKey',
    extraEnv: {
      PORTKEY_PROVIDER: 'the provider Portkey routes to: a provider name or Model Catalog slug',
      PORTKEY_VIRTUAL_KEY: 'a virtual key, naming a provider together with its stored credentials',
      PORTKEY_PROVIDER_API_KEY: "the routed provider's own key, sent as `Authorization` when `PORTKEY_PROVIDER` names a bare provider",
    },
    create: (settings: ProviderSettings) =>
      createPortkeyAdapter({
        apiKey: settings.apiKey,
        baseUrl: settings.baseUrl,
        headers: settings.headers,
        provider: settings.extras.PORTKEY_PROVIDER,
        virtualKey: settings.extras.PORTKEY_VIRTUAL_KEY,
        providerApiKey: settings.extras.PORTKEY_PROVIDER_API_KEY,
      }),
  },
  { id: 'featherless-ai', defaultBaseUrl: featherlessAIBaseUrl, capabilities: ['chat'], configuredBy: 'apiKey', create: keyed(createFeatherlessAIAdapter) },
  {
    id: 'together',
    defaultBaseUrl: togetherBaseUrl,
    capabilities: ['chat', 'embeddings', 'images'],
    configuredBy: 'apiKey',
    create: keyed(createTogetherAdapter),
  },
  {
    id: 'fireworks-ai',
    defaultBaseUrl: fireworksAIBaseUrl,
    capabilities: ['chat', 'embeddings'],
    configuredBy: 'apiKey',
    create: keyed(createFireworksAIAdapter),
  },
  { id: 'groq', defaultBaseUrl: groqBaseUrl, capabilities: ['chat'], configuredBy: 'apiKey', create: keyed(createGroqAdapter) },
  {
    id: 'deepinfra',
    defaultBaseUrl: deepInfraBaseUrl,
    capabilities: ['chat', 'embeddings', 'images'],
    configuredBy: 'apiKey',
    create: keyed(createDeepInfraAdapter),
  },
  { id: 'novita', defaultBaseUrl: novitaBaseUrl, capabilities: ['chat'], configuredBy: 'apiKey', create: keyed(createNovitaAdapter) },
  { id: 'cerebras', defaultBaseUrl: cerebrasBaseUrl, capabilities: ['chat'], configuredBy: 'apiKey', create: keyed(createCerebrasAdapter) },
  { id: 'nscale', defaultBaseUrl: nscaleBaseUrl, capabilities: ['chat', 'images'], configuredBy: 'apiKey', create: keyed(createNscaleAdapter) },
  { id: 'mistral', defaultBaseUrl: mistralBaseUrl, capabilities: ['chat', 'embeddings'], configuredBy: 'apiKey', create: keyed(createMistralAdapter) },
  { id: 'deepseek', defaultBaseUrl: deepSeekBaseUrl, capabilities: ['chat'], configuredBy: 'apiKey', create: keyed(createDeepSeekAdapter) },
  { id: 'openai', defaultBaseUrl: openAIBaseUrl, capabilities: ['chat', 'embeddings', 'images'], configuredBy: 'apiKey', create: keyed(createOpenAIAdapter) },
  { id: 'xai', defaultBaseUrl: xAIBaseUrl, capabilities: ['chat'], configuredBy: 'apiKey', create: keyed(createXAIAdapter) },
  { id: 'anthropic', defaultBaseUrl: anthropicBaseUrl, capabilities: ['chat'], configuredBy: 'apiKey', create: keyed(createAnthropicAdapter) },
  { id: 'google', defaultBaseUrl: googleBaseUrl, capabilities: ['chat', 'embeddings'], configuredBy: 'apiKey', create: keyed(createGoogleAdapter) },
  { id: 'cohere', defaultBaseUrl: cohereBaseUrl, capabilities: ['chat', 'embeddings'], configuredBy: 'apiKey', create: keyed(createCohereAdapter) },
  {
    id: 'hf-inference',
    defaultBaseUrl: hfInferenceBaseUrl,
    capabilities: ['chat', 'embeddings', 'images'],
    configuredBy: 'apiKey',
    create: keyed(createHfInferenceAdapter),
  },
  { id: 'replicate', defaultBaseUrl: replicateBaseUrl, capabilities: ['images'], configuredBy: 'apiKey', create: keyed(createReplicateAdapter) },
  { id: 'fal-ai', defaultBaseUrl: falBaseUrl, capabilities: ['images'], configuredBy: 'apiKey', create: keyed(createFalAdapter) },
  {
    // A self-hosted vLLM / Ollama / llama.cpp server (`http://localhost:8000/v1`); its key is optional.
    id: 'openai-compatible',
    defaultBaseUrl: undefined,
    capabilities: ['chat'],
    configuredBy: 'baseUrl',
    create: (settings: ProviderSettings) => createSelfHostedAdapter({ baseUrl: settings.baseUrl ?? '', apiKey: settings.apiKey, headers: settings.headers }),
  },
] as const satisfies readonly ProviderDefinition[];

export type ProviderId = (typeof providerTable)[number]['id'];

/** Every provider id, in table order (what `/health` lists, configured or not). */
export const providerIds: readonly ProviderId[] = providerTable.map((definition) => definition.id);
