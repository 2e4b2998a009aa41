import type {
  CallOptions,
  ChatRequest,
  ChatResult,
  EmbeddingRequest,
  EmbeddingResult,
  ImageRequest,
  ImageResult,
  ProviderAdapter,
  StreamEvent,
  Usage,
} from '../spec/index.js';
import { createUpstreamPool } from '../upstream-pool.js';
import { protocolFailure } from '../classify-failure.js';
import { fetchImage } from '../fetch-image.js';
import { detectImageMediaType } from '../image-media-type.js';
import { parseEmbeddingResponse, toOpenAIEmbeddingBody } from './openai-embeddings.js';
import { normalizeImageUsage, parseImageResponse, toOpenAIImageBody } from './openai-images.js';
import { openAIUsageReader, type UsageReader } from './openai-usage.js';
import { parseChatCompletion } from './parse-chat-completion.js';
import { readOpenAIStream } from './read-openai-stream.js';
import { toOpenAIChatBody } from './to-openai-chat-body.js';

export interface OpenAICompatibleAdapterOptions {
  id: string;
  /** Everything before `/chat/completions`, e.g. `https://openrouter.ai/api/v1`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>`; never logged nor put in an error. */
  apiKey?: string;
  /** Extra request headers (attribution, API versions). */
  headers?: Record<string, string>;
  chatPath?: string;
  connectTimeoutMs?: number;
  /** Longest wait for the response head; the gateway's own deadlines abort through the signal first. */
  headersTimeoutMs?: number;
  /** Longest silence between two body chunks. */
  bodyTimeoutMs?: number;
  /** Most sockets open to the upstream at once; unlimited when absent. */
  connections?: number;
  /** Where usage sits in a body or stream chunk when it is not `usage` (Groq streams `x_groq.usage`). */
  findUsage?: (body: Record<string, unknown>) => unknown;
  /** Normalizes a usage object that departs from OpenAI's (DeepSeek's cache-hit counts). */
  normalizeUsage?: (raw: unknown) => Usage;
  /** False for upstreams that reject `stream_options` and report stream usage unasked (Mistral). */
  streamOptions?: boolean;
  /**
   * The provider's OpenAI-shaped APIs besides chat: `embeddings` (`POST <base>/embeddings`) and
   * `images` (`POST <base>/images/generations`). Each one absent or false leaves `embed` or
   * `generateImage` off the adapter, so the gateway never routes that task to the provider.
   */
  capabilities?: OpenAICompatibleCapabilities;
  /** Builds the embeddings body when the provider departs from OpenAI's (Mistral's `output_dimension`). */
  toEmbeddingBody?: (request: EmbeddingRequest) => Record<string, unknown>;
  /** Builds the images body when the provider departs from OpenAI's (Together's `width`, `height` and `steps`). */
  toImageBody?: (request: ImageRequest) => Record<string, unknown>;
}

export interface OpenAICompatibleCapabilities {
  embeddings?: boolean;
  images?: boolean;
}

/** An adapter for any server speaking OpenAI's Chat Completions protocol. */
export function createOpenAICompatibleAdapter(options: OpenAICompatibleAdapterOptions): ProviderAdapter {
  const { id } = options;
  const baseUrl = new URL(options.baseUrl);
  const route = (suffix: string) => `${baseUrl.pathname.replace(/\/+$/, '')}${suffix}${baseUrl.search}`;
  const path = route(options.chatPath ?? '/chat/completions');
  // One pool per adapter keeps sockets to this upstream alive between calls.
  const headers: Record<string, string> = { ...options.headers };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  // Timeouts and `connections` pass through; the pool ignores the options it does not know.
  const upstream = createUpstreamPool({ ...options, origin: baseUrl.origin, headers });
  const usage: UsageReader = {
    find: options.findUsage ?? openAIUsageReader.find,
    normalize: options.normalizeUsage ?? openAIUsageReader.normalize,
  };

  async function chat(request: ChatRequest, callOptions: CallOptions): Promise<ChatResult> {
    const { signal } = callOptions;
    const body = await upstream.postJson(path, toOpenAIChatBody(request, false), { stream: false, signal });
    return parseChatCompletion(await upstream.readText(body, signal), id, usage);
  }

  async function* streamChat(request: ChatRequest, callOptions: CallOptions): AsyncGenerator<StreamEvent> {
    const { signal } = callOptions;
    const body = await upstream.postJson(path, toOpenAIChatBody(request, true, options.streamOptions ?? true), { stream: true, signal });
    yield* readOpenAIStream(body, id, signal, usage);
  }

  async function embed(request: EmbeddingRequest, callOptions: CallOptions): Promise<EmbeddingResult> {
    const { signal } = callOptions;
    const wireBody = (options.toEmbeddingBody ?? toOpenAIEmbeddingBody)(request);
    const body = await upstream.postJson(route('/embeddings'), wireBody, { stream: false, signal });
    return parseEmbeddingResponse(await upstream.readText(body, signal), id, request.inputs.length, usage);
  }

  async function generateImage(request: ImageRequest, callOptions: CallOptions): Promise<ImageResult> {
    const { signal } = callOptions;
    const wireBody = (options.toImageBody ?? toOpenAIImageBody)(request);
    const body = await upstream.postJson(route('/images/generations'), wireBody, { stream: false, signal });
    const answer = parseImageResponse(await upstream.readText(body, signal), id);
    const images = await Promise.all(
      answer.images.map(async (image) => {
        const data = 'base64' in image ? Buffer.from(image.base64, 'base64') : await fetchImage(image.url, baseUrl, upstream, id, signal);
        const mediaType = detectImageMediaType(data);
        if (mediaType === undefined) throw protocolFailure(id, 'answered an image that is not PNG, JPEG or WebP');
        return { data, mediaType };
      }),
    );
    return { images, usage: normalizeImageUsage(answer.rawUsage, images.length) };
  }

  return {
    id,
    chat,
    streamChat,
    ...(options.capabilities?.embeddings ? { embed } : {}),
    ...(options.capabilities?.images ? { generateImage } : {}),
    async close() {
      await upstream.close();
    },
  };
}
