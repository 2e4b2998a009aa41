import type { CallOptions, ChatRequest, ChatResult, ProviderAdapter, StreamEvent } from '../spec/index.js';
import { createUpstreamPool } from '../upstream-pool.js';
import { parseAnthropicMessage } from './parse-anthropic-message.js';
import { readAnthropicStream } from './read-anthropic-stream.js';
import { toAnthropicMessagesBody } from './to-anthropic-messages-body.js';

export interface AnthropicAdapterOptions {
  /** Sent as `x-api-key`; never logged nor put in an error. */
  apiKey: string;
  /** Everything before `/v1/messages`; `https://api.anthropic.com` when absent. */
  baseUrl?: string;
  /** Defaults to `anthropic`; the simulator's tests give their own. */
  id?: string;
  /** Extra request headers (`anthropic-beta`, or `x-simulator-*` controls in tests). */
  headers?: Record<string, string>;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  connections?: number;
}

// The API version the request and response shapes here were written against; Anthropic keeps
// each version's wire format fixed, so pinning it keeps newer releases from changing answers.
export const ANTHROPIC_VERSION = '2023-06-01';

/** Anthropic's native Messages API (`POST /v1/messages`), streaming included. */
export function createAnthropicAdapter(options: AnthropicAdapterOptions): ProviderAdapter {
  const id = options.id ?? 'anthropic';
  const baseUrl = new URL(options.baseUrl ?? 'https://api.anthropic.com');
  const path = `${baseUrl.pathname.replace(/\/+$/, '')}/v1/messages${baseUrl.search}`;
  const headers = { ...options.headers, 'x-api-key': options.apiKey, 'anthropic-version': ANTHROPIC_VERSION };
  // Timeouts and `connections` pass through; the pool ignores the options it does not know.
  const upstream = createUpstreamPool({ ...options, id, origin: baseUrl.origin, headers });

  async function chat(request: ChatRequest, callOptions: CallOptions): Promise<ChatResult> {
    const { signal } = callOptions;
    const body = await upstream.postJson(path, toAnthropicMessagesBody(request, false), { stream: false, signal });
    return parseAnthropicMessage(await upstream.readText(body, signal), id);
  }

  async function* streamChat(request: ChatRequest, callOptions: CallOptions): AsyncGenerator<StreamEvent> {
    const { signal } = callOptions;
    // Anthropic always reports usage on streams (`message_start`, `message_delta`): nothing to ask for.
    const body = await upstream.postJson(path, toAnthropicMessagesBody(request, true), { stream: true, signal });
    yield* readAnthropicStream(body, id, signal);
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
