import { Pool, type Dispatcher } from 'undici';
import type { CallOptions, ChatRequest, ChatResult, ProviderAdapter, StreamEvent } from '../spec/index.js';
import { classifyFailure, httpFailure } from './classify-failure.js';
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
}

// An upstream error body is a few hundred bytes; anything longer is not worth holding.
const ERROR_BODY_LIMIT = 64 * 1024;

/** An adapter for any server speaking OpenAI's Chat Completions protocol. */
export function createOpenAICompatibleAdapter(options: OpenAICompatibleAdapterOptions): ProviderAdapter {
  const { id } = options;
  const baseUrl = new URL(options.baseUrl);
  const path = `${baseUrl.pathname.replace(/\/+$/, '')}${options.chatPath ?? '/chat/completions'}${baseUrl.search}`;
  // One pool per adapter keeps sockets to this upstream alive between calls.
  const pool = new Pool(baseUrl.origin, {
    connect: { timeout: options.connectTimeoutMs ?? 10_000 },
    ...(options.headersTimeoutMs === undefined ? {} : { headersTimeout: options.headersTimeoutMs }),
    ...(options.bodyTimeoutMs === undefined ? {} : { bodyTimeout: options.bodyTimeoutMs }),
    ...(options.connections === undefined ? {} : { connections: options.connections }),
  });
  const baseHeaders: Record<string, string> = { ...options.headers, 'content-type': 'application/json' };
  if (options.apiKey) baseHeaders.authorization = `Bearer ${options.apiKey}`;
  const jsonHeaders = { ...baseHeaders, accept: 'application/json' };
  const streamHeaders = { ...baseHeaders, accept: 'text/event-stream' };

  async function send(body: Record<string, unknown>, stream: boolean, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
    let response: Dispatcher.ResponseData;
    try {
      signal.throwIfAborted();
      response = await pool.request({
        method: 'POST',
        path,
        headers: stream ? streamHeaders : jsonHeaders,
        body: JSON.stringify(body),
        signal,
      });
    } catch (error) {
      throw classifyFailure(error, id, signal);
    }
    if (response.statusCode >= 200 && response.statusCode < 300) return response;
    const errorBody = await readErrorBody(response.body);
    if (signal.aborted) throw classifyFailure(signal.reason, id, signal);
    throw httpFailure(id, response.statusCode, response.headers['retry-after'], errorBody);
  }

  async function chat(request: ChatRequest, callOptions: CallOptions): Promise<ChatResult> {
    const response = await send(toOpenAIChatBody(request, false), false, callOptions.signal);
    let text: string;
    try {
      text = await response.body.text();
    } catch (error) {
      throw classifyFailure(error, id, callOptions.signal);
    }
    return parseChatCompletion(text, id);
  }

  async function* streamChat(request: ChatRequest, callOptions: CallOptions): AsyncGenerator<StreamEvent> {
    const response = await send(toOpenAIChatBody(request, true), true, callOptions.signal);
    yield* readOpenAIStream(response.body, id, callOptions.signal);
  }

  return {
    id,
    chat,
    streamChat,
    async close() {
      await pool.close();
    },
  };
}

async function readErrorBody(body: Dispatcher.ResponseData['body']): Promise<string> {
  const pieces: Buffer[] = [];
  let size = 0;
  try {
    for await (const piece of body as AsyncIterable<Buffer>) {
      pieces.push(piece);
      size += piece.length;
      if (size >= ERROR_BODY_LIMIT) break;
    }
  } catch {
    // The status alone still classifies the failure when the error body is cut short.
  }
  return Buffer.concat(pieces).toString('utf8');
}
