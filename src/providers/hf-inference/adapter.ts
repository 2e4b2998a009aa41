import { parseChatCompletion } from '../openai-compatible/parse-chat-completion.js';
import { readOpenAIStream } from '../openai-compatible/read-openai-stream.js';
import { toOpenAIChatBody } from '../openai-compatible/to-openai-chat-body.js';
import {
  emptyUsage,
  type CallOptions,
  type ChatRequest,
  type ChatResult,
  type EmbeddingRequest,
  type EmbeddingResult,
  type ImageRequest,
  type ImageResult,
  type ProviderAdapter,
  type StreamEvent,
} from '../spec/index.js';
import type { ProviderOptions } from '../provider-options.js';
import { createUpstreamPool } from '../upstream-pool.js';
import { parseFeatureExtraction, toFeatureExtractionBody } from './feature-extraction.js';
import { readTextToImage, toTextToImageBody } from './text-to-image.js';

export const hfInferenceBaseUrl = 'https://router.huggingface.co/hf-inference';

/**
 * HF Inference: every route is per model (`/models/{model}/…`), so the OpenAI-compatible
 * factory, which has one chat path, cannot be used as is; its request and response translation
 * is reused on TGI's OpenAI-compatible Messages API. Embeddings use the feature-extraction task
 * and images the text-to-image task, which answers the image bytes themselves.
 */
export function createHfInferenceAdapter(options: ProviderOptions): ProviderAdapter {
  const id = 'hf-inference';
  const baseUrl = new URL(options.baseUrl ?? hfInferenceBaseUrl);
  const modelPath = (model: string, suffix = '') =>
    `${baseUrl.pathname.replace(/\/+$/, '')}/models/${model.split('/').map(encodeURIComponent).join('/')}${suffix}${baseUrl.search}`;
  const headers = { ...options.headers, authorization: `Bearer ${options.apiKey}` };
  const upstream = createUpstreamPool({ id, origin: baseUrl.origin, headers });

  async function chat(request: ChatRequest, callOptions: CallOptions): Promise<ChatResult> {
    const { signal } = callOptions;
    const body = await upstream.postJson(modelPath(request.model, '/v1/chat/completions'), toOpenAIChatBody(request, false), { stream: false, signal });
    return parseChatCompletion(await upstream.readText(body, signal), id);
  }

  async function* streamChat(request: ChatRequest, callOptions: CallOptions): AsyncGenerator<StreamEvent> {
    const { signal } = callOptions;
    const body = await upstream.postJson(modelPath(request.model, '/v1/chat/completions'), toOpenAIChatBody(request, true), { stream: true, signal });
    yield* readOpenAIStream(body, id, signal);
  }

  async function embed(request: EmbeddingRequest, callOptions: CallOptions): Promise<EmbeddingResult> {
    const { signal } = callOptions;
    const path = modelPath(request.model, '/pipeline/feature-extraction');
    const body = await upstream.postJson(path, toFeatureExtractionBody(request), { stream: false, signal });
    return parseFeatureExtraction(await upstream.readText(body, signal), id, request.inputs.length);
  }

  async function generateImage(request: ImageRequest, callOptions: CallOptions): Promise<ImageResult> {
    const { signal } = callOptions;
    // The task draws one image per call.
    const images = await Promise.all(
      Array.from({ length: request.count ?? 1 }, async (_, index) => {
        const body = await upstream.postJson(modelPath(request.model), toTextToImageBody(request, index), { stream: false, signal });
        return readTextToImage(body, id, signal);
      }),
    );
    return { images, usage: { ...emptyUsage(), images: images.length } };
  }

  return {
    id,
    chat,
    streamChat,
    embed,
    generateImage,
    async close() {
      await upstream.close();
    },
  };
}
