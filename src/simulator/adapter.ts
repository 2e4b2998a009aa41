import { createOpenAICompatibleAdapter } from '../providers/openai-compatible/create-openai-compatible-adapter.js';
import type { ProviderAdapter } from '../providers/spec/index.js';

export interface SimulatorAdapterOptions {
  /** The simulator's `url`, e.g. `http://127.0.0.1:8081/v1`. */
  baseUrl: string;
  apiKey?: string;
  /** Sent on every call; fault-injection tests put `x-simulator-*` controls here. */
  headers?: Record<string, string>;
}

/** The local simulator (see `server.ts`) as an upstream. */
export function createSimulatorAdapter(options: SimulatorAdapterOptions): ProviderAdapter {
  return createOpenAICompatibleAdapter({
    id: 'simulator',
    baseUrl: options.baseUrl,
    capabilities: { embeddings: true, images: true },
    ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
    ...(options.headers === undefined ? {} : { headers: options.headers }),
  });
}
