import type { CallOptions, ChatRequest, ChatResult, EmbeddingRequest, EmbeddingResult, ProviderAdapter, StreamEvent } from '../spec/index.js';
import type { ProviderOptions } from '../provider-options.js';
import { createUpstreamPool } from '../upstream-pool.js';
import { parseGeminiEmbeddings, toGeminiEmbeddingBody } from './gemini-embeddings.js';
import { parseGeminiResponse } from './parse-gemini-response.js';
import { readGeminiStream } from './read-gemini-stream.js';
import { toGeminiBody } from './to-gemini-body.js';

export const googleBaseUrl = 'https://generativelanguage.googleapis.com';

// v1beta is where Google ships systemInstruction, tools and JSON-schema output first; v1 lags.
const API_VERSION = 'v1beta';

/** Google's Gemini API, key sent as `x-goog-api-key` (never in the `?key=` query, where URLs get logged): (`generateContent`, `streamGenerateContent`, `batchEmbedContents`). */
export function createGoogleAdapter(options: ProviderOptions): ProviderAdapter {
  const id = 'google';
  const baseUrl = new URL(options.baseUrl ?? googleBaseUrl);
  const prefix = `${baseUrl.pathname.replace(/\/+$/, '')}/${API_VERSION}`;
  const headers = { ...options.headers, 'x-goog-api-key': options.apiKey };
  const upstream = createUpstreamPool({ id, origin: baseUrl.origin, headers });

  // Callers may name a model `gemini-2.0-flash` or, as Google's own responses do, `models/gemini-2.0-flash`.
  const modelName = (model: string) => (model.startsWith('models/') ? model : `models/${model}`);
  const path = (model: string, method: string, query = '') => `${prefix}/${modelName(model).split('/').map(encodeURIComponent).join('/')}:${method}${query}`;

  async function chat(request: ChatRequest, callOptions: CallOptions): Promise<ChatResult> {
    const { signal } = callOptions;
    const body = await upstream.postJson(path(request.model, 'generateContent'), toGeminiBody(request), { stream: false, signal });
    return parseGeminiResponse(await upstream.readText(body, signal), id);
  }

  async function* streamChat(request: ChatRequest, callOptions: CallOptions): AsyncGenerator<StreamEvent> {
    const { signal } = callOptions;
    // Gemini reports usageMetadata on every streamed chunk unasked; `alt=sse` picks SSE over a JSON array.
    const body = await upstream.postJson(path(request.model, 'streamGenerateContent', '?alt=sse'), toGeminiBody(request), { stream: true, signal });
    yield* readGeminiStream(body, id, signal);
  }

  async function embed(request: EmbeddingRequest, callOptions: CallOptions): Promise<EmbeddingResult> {
    const { signal } = callOptions;
    const wireBody = toGeminiEmbeddingBody(request, modelName(request.model));
    const body = await upstream.postJson(path(request.model, 'batchEmbedContents'), wireBody, { stream: false, signal });
    return parseGeminiEmbeddings(await upstream.readText(body, signal), id, request.inputs.length);
  }

  return {
    id,
    chat,
    streamChat,
    embed,
    async close() {
      await upstream.close();
    },
  };
}
