export type { ChatMessage, ChatRequest, ChatTool, ResponseFormat, ToolCall } from './chat-request.js';
export type { ChatResult } from './chat-result.js';
export type { EmbeddingRequest, EmbeddingResult } from './embedding-request.js';
export type { ImageRequest, ImageResult } from './image-request.js';
export type { CallOptions, ProviderAdapter } from './provider-adapter.js';
export type { FinishReason, StreamEvent } from './stream-event.js';
export { UpstreamError, isRetryableFailure, parseRetryAfter, redactSecrets, type UpstreamErrorKind } from './upstream-error.js';
export { addUsage, emptyUsage, type Usage } from './usage.js';
