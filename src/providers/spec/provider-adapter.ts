import type { ChatRequest } from './chat-request.js';
import type { ChatResult } from './chat-result.js';
import type { EmbeddingRequest, EmbeddingResult } from './embedding-request.js';
import type { ImageRequest, ImageResult } from './image-request.js';
import type { StreamEvent } from './stream-event.js';

/**
 * One upstream provider. An adapter translates the gateway's calls to the provider's wire
 * protocol and back, and classifies every failure as an `UpstreamError`; it never retries,
 * falls back or bills — the routing loop and the billing writer do that, once, for all.
 *
 * - `chat` makes one non-streaming call and resolves with the whole answer.
 * - `streamChat` makes one streaming call. It must ask the upstream for usage
 *   (`stream_options.include_usage` or the protocol's equivalent) so partial streams can be
 *   billed, and must stop reading and release the connection when `signal` aborts.
 *   Failures before the response starts may throw; after that they arrive as an `error` event.
 *
 * - `embed` and `generateImage` exist on adapters whose provider has a native embeddings or
 *   images API; a provider without one simply lacks the method, and the gateway does not route
 *   those tasks to it.
 *
 * All honour `options.signal`, which the gateway aborts on client disconnect and on timeouts.
 */
export interface ProviderAdapter {
  readonly id: string;
  chat(request: ChatRequest, options: CallOptions): Promise<ChatResult>;
  streamChat(request: ChatRequest, options: CallOptions): AsyncIterable<StreamEvent>;
  embed?(request: EmbeddingRequest, options: CallOptions): Promise<EmbeddingResult>;
  generateImage?(request: ImageRequest, options: CallOptions): Promise<ImageResult>;
  /** Releases pooled connections; called once at shutdown. */
  close?(): Promise<void>;
}

export interface CallOptions {
  signal: AbortSignal;
  /** The gateway's request id, forwarded upstream where the provider accepts one. */
  requestId: string;
}
