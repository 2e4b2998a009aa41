import { createOpenAICompatibleAdapter, type HostedProviderOptions } from '../openai-compatible/create-openai-compatible-adapter.js';
import { isRecord } from '../openai-compatible/openai-usage.js';
import type { ProviderAdapter } from '../spec/index.js';

export const groqBaseUrl = 'https://api.groq.com/openai/v1';

export function createGroqAdapter(options: HostedProviderOptions): ProviderAdapter {
  return createOpenAICompatibleAdapter({
    id: 'groq',
    baseUrl: options.baseUrl ?? groqBaseUrl,
    apiKey: options.apiKey,
    // Groq streams usage on the last chunk under `x_groq.usage` rather than a top-level `usage`.
    findUsage: (body) => body.usage ?? (isRecord(body.x_groq) ? body.x_groq.usage : undefined),
  });
}
