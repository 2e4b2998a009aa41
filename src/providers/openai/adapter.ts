import { createOpenAICompatibleAdapter } from '../openai-compatible/create-openai-compatible-adapter.js';
import type { ProviderOptions } from '../provider-options.js';
import { toOpenAIImageBody } from '../openai-compatible/openai-images.js';
import type { ImageRequest, ProviderAdapter } from '../spec/index.js';

export const openAIBaseUrl = 'https://api.openai.com/v1';

export function createOpenAIAdapter(options: ProviderOptions): ProviderAdapter {
  return createOpenAICompatibleAdapter({
    id: 'openai',
    baseUrl: options.baseUrl ?? openAIBaseUrl,
    apiKey: options.apiKey,
    headers: options.headers,
    capabilities: { embeddings: true, images: true },
    toImageBody,
  });
}

/**
 * `gpt-image` models reject `response_format` (they always answer base64) and OpenAI's images
 * API has no `seed`, so neither is sent; DALL·E then answers its default, a URL the factory
 * downloads.
 */
function toImageBody(request: ImageRequest): Record<string, unknown> {
  const { response_format: _format, seed: _seed, ...body } = toOpenAIImageBody(request);
  return body;
}
