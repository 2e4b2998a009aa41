import type { CallOptions, ChatRequest, ChatResult, ProviderAdapter, StreamEvent } from '../spec/index.js';
import type { ProviderOptions } from '../provider-options.js';
import { createUpstreamPool } from '../upstream-pool.js';
import { parseAnthropicMessage } from './parse-anthropic-message.js';
import { readAnthropicStream } from './read-anthropic-stream.js';
import { toAnthropicMessagesBody } from './to-anthropic-messages-body.js';

// The API version the request and response shapes here were written against; Anthropic keeps
// each version's wire format fixed, so pinning it keeps newer releases from changing answers.
export const ANTHROPIC_VERSION = '2023-06-01';

export const anthropicBaseUrl = 'https://api.anthropic.com';

/** Anthropic's native Messages API (`POST /v1/messages`, key sent as `x-api-key`), streaming included. */
export function createAnthropicAdapter(options: ProviderOptions): ProviderAdapter {
  const id = 'anthropic';
  const baseUrl = new URL(options.baseUrl ?? anthropicBaseUrl);
  const path = `${baseUrl.pathname.replace(/\/+$/, '')}/v1/messages${baseUrl.search}`;
  const headers = { ...options.headers, 'x-api-key': options.apiKey, 'anthropic-version': ANTHROPIC_VERSION };
  const upstream = createUpstreamPool({ id, origin: baseUrl.origin, headers });

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
