import type { CallOptions, ChatRequest, ChatResult, ProviderAdapter, StreamEvent, Usage } from '../spec/index.js';
import { createUpstreamPool } from '../upstream-pool.js';
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
}

/** What a hosted provider's adapter needs: its key, and a base URL only to override the default. */
export interface HostedProviderOptions {
  apiKey: string;
  baseUrl?: string | undefined;
}

/** An adapter for any server speaking OpenAI's Chat Completions protocol. */
export function createOpenAICompatibleAdapter(options: OpenAICompatibleAdapterOptions): ProviderAdapter {
  const { id } = options;
  const baseUrl = new URL(options.baseUrl);
  const path = `${baseUrl.pathname.replace(/\/+$/, '')}${options.chatPath ?? '/chat/completions'}${baseUrl.search}`;
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

  return {
    id,
    chat,
    streamChat,
    async close() {
      await upstream.close();
    },
  };
}
