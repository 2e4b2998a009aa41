/**
 * A chat call as the gateway hands it to an adapter: already resolved to one provider and that
 * provider's own model id. Every HF task served by a chat model is expressed as one of these.
 *
 * Fields are optional when the upstream default is fine; adapters must not invent values for
 * absent ones. `extra` carries the caller's parameters the gateway does not model (for example
 * `repetition_penalty`), passed to OpenAI-compatible upstreams as-is.
 */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stop?: string[];
  seed?: number;
  tools?: ChatTool[];
  toolChoice?: unknown;
  responseFormat?: ResponseFormat;
  extra?: Record<string, unknown>;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  name?: string;
  toolCallId?: string;
  toolCalls?: ToolCall[];
}

export interface ChatTool {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
}

export interface ToolCall {
  id: string;
  name: string;
  /** JSON text, exactly as the model produced it. */
  arguments: string;
}

export type ResponseFormat =
  { type: 'text' } | { type: 'json_object' } | { type: 'json_schema'; name: string; schema: Record<string, unknown>; strict?: boolean };
