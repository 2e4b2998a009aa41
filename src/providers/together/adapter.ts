import { createOpenAICompatibleAdapter } from '../openai-compatible/create-openai-compatible-adapter.js';
import type { ProviderOptions } from '../provider-options.js';
import type { ImageRequest, ProviderAdapter } from '../spec/index.js';

export const togetherBaseUrl = 'https://api.together.xyz/v1';

export function createTogetherAdapter(options: ProviderOptions): ProviderAdapter {
  return createOpenAICompatibleAdapter({
    id: 'together',
    baseUrl: options.baseUrl ?? togetherBaseUrl,
    apiKey: options.apiKey,
    headers: options.headers,
    capabilities: { embeddings: true, images: true },
    toImageBody,
  });
}

/**
 * Together's images API is not OpenAI's: separate `width`/`height` instead of `size`, diffusion
 * options (`steps`, `guidance_scale`, `negative_prompt`), and `response_format: "base64"`
 * where OpenAI says `b64_json` (its answer still puts the image in `b64_json`).
 */
function toImageBody(request: ImageRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { model: request.model, prompt: request.prompt, response_format: 'base64' };
  if (request.count !== undefined) body.n = request.count;
  if (request.width !== undefined) body.width = request.width;
  if (request.height !== undefined) body.height = request.height;
  if (request.steps !== undefined) body.steps = request.steps;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.negativePrompt !== undefined) body.negative_prompt = request.negativePrompt;
  if (request.guidanceScale !== undefined) body.guidance_scale = request.guidanceScale;
  return body;
}
