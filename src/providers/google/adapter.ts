import type { CallOptions, ChatRequest, ChatResult, EmbeddingRequest, EmbeddingResult, ProviderAdapter, StreamEvent } from '../spec/index.js';
import { withoutKey } from '../spec/index.js';
import { createUpstreamPool } from '../upstream-pool.js';
import { parseGeminiEmbeddings, toGeminiEmbeddingBody } from './gemini-embeddings.js';
import { parseGeminiResponse } from './parse-gemini-response.js';
import { readGeminiStream } from './read-gemini-stream.js';
import { scrubStream } from '../scrub-stream.js';
import { toGeminiBody } from './to-gemini-body.js';

export interface GoogleAdapterOptions {
  /** Sent as `x-goog-api-key` (never in the `?key=` query, where URLs get logged). */
  apiKey: string;
  /** Everything before `/v1beta/models/...`; `https://generativelanguage.googleapis.com` when absent. */
  baseUrl?: string;
  /** Defaults to `google`; the simulator's tests give their own. */
  id?: string;
  /** Extra request headers (`x-simulator-*` controls in tests). */
  headers?: Record<string, string>;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  connections?: number;
}

// v1beta is where Google ships systemInstruction, tools and JSON-schema output first; v1 lags.
const API_VERSION = 'v1beta';

/** Google's Gemini API (`generateContent`, `streamGenerateContent`, `batchEmbedContents`). */
export function createGoogleAdapter(options: GoogleAdapterOptions): ProviderAdapter {
  const id = options.id ?? 'google';
  const baseUrl = new URL(options.baseUrl ?? 'https://generativelanguage.googleapis.com');
  const prefix = `${baseUrl.pathname.replace(/\/+$/, '')}/${API_VERSION}`;
  const headers = { ...options.headers, 'x-goog-api-key': options.apiKey };
  const upstream = createUpstreamPool({ ...options, id, origin: baseUrl.origin, headers });

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

  const scrub = (error: unknown) => Promise.reject(withoutKey(error, options.apiKey));
  return {
    id,
    chat: (request, callOptions) => chat(request, callOptions).catch(scrub),
    streamChat: (request, callOptions) => scrubStream(streamChat(request, callOptions), options.apiKey),
    embed: (request, callOptions) => embed(request, callOptions).catch(scrub),
    async close() {
      await upstream.close();
    },
  };
}
