import { createOpenAICompatibleAdapter } from '../openai-compatible/create-openai-compatible-adapter.js';
import type { ProviderOptions } from '../provider-options.js';
import { normalizeOpenAIUsage } from '../openai-compatible/openai-usage.js';
import type { ProviderAdapter, Usage } from '../spec/index.js';

export const xAIBaseUrl = 'https://api.x.ai/v1';

export function createXAIAdapter(options: ProviderOptions): ProviderAdapter {
  return createOpenAICompatibleAdapter({ id: 'xai', baseUrl: options.baseUrl ?? xAIBaseUrl, apiKey: options.apiKey, headers: options.headers, normalizeUsage });
}

/** xAI leaves reasoning tokens out of `completion_tokens` (they are billed as output), so they are added back. */
function normalizeUsage(raw: unknown): Usage {
  const usage = normalizeOpenAIUsage(raw);
  return { ...usage, outputTokens: usage.outputTokens + usage.reasoningTokens };
}
