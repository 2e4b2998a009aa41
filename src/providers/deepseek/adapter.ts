import { createOpenAICompatibleAdapter } from '../openai-compatible/create-openai-compatible-adapter.js';
import type { ProviderOptions } from '../provider-options.js';
import { normalizeOpenAIUsage } from '../openai-compatible/openai-usage.js';
import { isRecord } from '../json.js';
import type { ProviderAdapter, Usage } from '../spec/index.js';

// DeepSeek documents its routes at the root (`/chat/completions`); `/v1` is only an alias.
export const deepSeekBaseUrl = 'https://api.deepseek.com';

export function createDeepSeekAdapter(options: ProviderOptions): ProviderAdapter {
  return createOpenAICompatibleAdapter({
    id: 'deepseek',
    baseUrl: options.baseUrl ?? deepSeekBaseUrl,
    apiKey: options.apiKey,
    headers: options.headers,
    normalizeUsage,
  });
}

/** DeepSeek counts its context-cache hits in `prompt_cache_hit_tokens`, not `prompt_tokens_details`. */
function normalizeUsage(raw: unknown): Usage {
  if (!isRecord(raw) || typeof raw.prompt_cache_hit_tokens !== 'number') return normalizeOpenAIUsage(raw);
  const usage = normalizeOpenAIUsage({ ...raw, prompt_tokens_details: { cached_tokens: raw.prompt_cache_hit_tokens } });
  return { ...usage, raw };
}
