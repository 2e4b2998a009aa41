import type { CallOptions, ChatRequest, ChatResult, EmbeddingRequest, EmbeddingResult, ProviderAdapter, StreamEvent } from '../spec/index.js';
import type { ProviderOptions } from '../provider-options.js';
import { createUpstreamPool } from '../upstream-pool.js';
import { parseCohereEmbeddings, toCohereEmbedBody } from './cohere-embeddings.js';
import { parseCohereChat } from './parse-cohere-chat.js';
import { readCohereStream } from './read-cohere-stream.js';
import { toCohereChatBody } from './to-cohere-chat-body.js';

export const cohereBaseUrl = 'https://api.cohere.com';

/** Cohere's v2 API: `POST /v2/chat` (streaming included) and `POST /v2/embed`. */
export function createCohereAdapter(options: ProviderOptions): ProviderAdapter {
  const id = 'cohere';
  const baseUrl = new URL(options.baseUrl ?? cohereBaseUrl);
  const prefix = baseUrl.pathname.replace(/\/+$/, '');
  const headers = { ...options.headers, authorization: `Bearer ${options.apiKey}` };
  const upstream = createUpstreamPool({ id, origin: baseUrl.origin, headers });

  async function chat(request: ChatRequest, callOptions: CallOptions): Promise<ChatResult> {
    const { signal } = callOptions;
    const body = await upstream.postJson(`${prefix}/v2/chat`, toCohereChatBody(request, false), { stream: false, signal });
    return parseCohereChat(await upstream.readText(body, signal), id);
  }

  async function* streamChat(request: ChatRequest, callOptions: CallOptions): AsyncGenerator<StreamEvent> {
    const { signal } = callOptions;
    // Cohere always reports usage at `message-end`: nothing to ask for.
    const body = await upstream.postJson(`${prefix}/v2/chat`, toCohereChatBody(request, true), { stream: true, signal });
    yield* readCohereStream(body, id, signal);
  }

  async function embed(request: EmbeddingRequest, callOptions: CallOptions): Promise<EmbeddingResult> {
    const { signal } = callOptions;
    const body = await upstream.postJson(`${prefix}/v2/embed`, toCohereEmbedBody(request), { stream: false, signal });
    return parseCohereEmbeddings(await upstream.readText(body, signal), id, request.inputs.length);
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
