import type { ProviderAdapter } from '../spec/index.js';
import { createOpenAICompatibleAdapter } from './create-openai-compatible-adapter.js';

export interface SelfHostedAdapterOptions {
  /** Everything before `/chat/completions`: `http://localhost:8000/v1` (vLLM), `http://localhost:11434/v1` (Ollama). */
  baseUrl: string;
  /** Only for servers started with one (vLLM `--api-key`, llama.cpp `--api-key`); Ollama takes none. */
  apiKey?: string | undefined;
  headers?: Record<string, string> | undefined;
}

/** The `openai-compatible` provider: a self-hosted server (vLLM, Ollama, llama.cpp) configured by its URL. */
export function createSelfHostedAdapter(options: SelfHostedAdapterOptions): ProviderAdapter {
  return createOpenAICompatibleAdapter({
    id: 'openai-compatible',
    baseUrl: options.baseUrl,
    headers: options.headers,
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
  });
}
