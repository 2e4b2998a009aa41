import { createOpenAICompatibleAdapter } from '../openai-compatible/create-openai-compatible-adapter.js';
import type { ProviderOptions } from '../provider-options.js';
import { toOpenAIEmbeddingBody } from '../openai-compatible/openai-embeddings.js';
import type { EmbeddingRequest, ProviderAdapter } from '../spec/index.js';

export const mistralBaseUrl = 'https://api.mistral.ai/v1';

export function createMistralAdapter(options: ProviderOptions): ProviderAdapter {
  return createOpenAICompatibleAdapter({
    id: 'mistral',
    baseUrl: options.baseUrl ?? mistralBaseUrl,
    apiKey: options.apiKey,
    headers: options.headers,
    // Mistral answers 422 "Extra inputs are not permitted" to `stream_options`; it sends stream usage unasked.
    streamOptions: false,
    capabilities: { embeddings: true },
    toEmbeddingBody,
  });
}

/** Mistral names the vector size `output_dimension`, and answers 422 to the unknown `dimensions`. */
function toEmbeddingBody(request: EmbeddingRequest): Record<string, unknown> {
  const { dimensions, ...body } = toOpenAIEmbeddingBody(request);
  return dimensions === undefined ? body : { ...body, output_dimension: dimensions };
}
