import type { FinishReason } from './stream-event.js';
import type { ToolCall } from './chat-request.js';
import type { Usage } from './usage.js';

/** The whole answer of a non-streaming chat call. */
export interface ChatResult {
  text: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  usage: Usage;
  /** The model the upstream says answered (OpenRouter may route `openai/gpt-4o` to a dated id). */
  responseModel?: string;
}
