import { createOpenAICompatibleAdapter } from '../openai-compatible/create-openai-compatible-adapter.js';
import type { ProviderOptions } from '../provider-options.js';
import { isRecord } from '../json.js';
import type { ProviderAdapter } from '../spec/index.js';

export const groqBaseUrl = 'https://api.groq.com/openai/v1';

export function createGroqAdapter(options: ProviderOptions): ProviderAdapter {
  return createOpenAICompatibleAdapter({
    id: 'groq',
    baseUrl: options.baseUrl ?? groqBaseUrl,
    apiKey: options.apiKey,
    headers: options.headers,
    // Groq streams usage on the last chunk under `x_groq.usage` rather than a top-level `usage`.
    findUsage: (body) => body.usage ?? (isRecord(body.x_groq) ? body.x_groq.usage : undefined),
  });
}
