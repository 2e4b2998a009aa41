import type { ChatMessageInput, ResponseFormatInput, ToolInput } from '../../contract/openai/chat-messages.js';
import type { GenerationParameters } from '../../contract/generation-parameters.js';
import type { ChatMessage, ChatTool, ResponseFormat } from '../../providers/spec/index.js';

type Nullable<T> = T | null | undefined;

/** The sampling options both OpenAI text endpoints take, as the chat pipeline's parameters (null = absent). */
export function samplingParameters(
  body: {
    temperature?: Nullable<number>;
    top_p?: Nullable<number>;
    stop?: Nullable<string | string[]>;
    seed?: Nullable<number>;
    frequency_penalty?: Nullable<number>;
    presence_penalty?: Nullable<number>;
    logit_bias?: Nullable<Record<string, number>>;
    user?: string | undefined;
  },
  maxTokens: Nullable<number>,
): GenerationParameters {
  const parameters: Record<string, unknown> = {
    max_tokens: maxTokens,
    temperature: body.temperature,
    top_p: body.top_p,
    stop: body.stop,
    seed: body.seed,
    frequency_penalty: body.frequency_penalty,
    presence_penalty: body.presence_penalty,
    logit_bias: body.logit_bias,
    user: body.user,
  };
  return Object.fromEntries(Object.entries(parameters).filter(([, value]) => value !== undefined && value !== null));
}

/** Text parts are joined by newlines, as vLLM and TGI join them. */
function text(content: Nullable<string | { type: string; [key: string]: unknown }[]>): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => String(part[part.type] ?? '')).join('\n');
}

export function toChatMessage(message: ChatMessageInput): ChatMessage {
  const name = 'name' in message && typeof message.name === 'string' ? { name: message.name } : {};
  switch (message.role) {
    case 'system':
    case 'developer':
      // `developer` is OpenAI's new name for `system`; upstreams other than OpenAI know only the old one.
      return { role: 'system', content: text(message.content), ...name };
    case 'user':
      return { role: 'user', content: text(message.content), ...name };
    case 'tool':
      return { role: 'tool', content: text(message.content), toolCallId: message.tool_call_id };
    case 'assistant': {
      const toolCalls = (message.tool_calls ?? []).map((call) => ({ id: call.id, name: call.function.name, arguments: call.function.arguments }));
      return { role: 'assistant', content: text(message.content), ...name, ...(toolCalls.length > 0 ? { toolCalls } : {}) };
    }
  }
}

export function toChatTool(tool: ToolInput): ChatTool {
  const { name, description, parameters } = tool.function;
  return { name, ...(description === undefined ? {} : { description }), parameters: parameters ?? { type: 'object', properties: {} } };
}

export function toResponseFormat(format: ResponseFormatInput): ResponseFormat {
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
    case 'json':
      // TGI's grammar form (huggingface_hub sends it) carries the schema in `value`.
      return format.value ? { type: 'json_schema', name: 'response', schema: format.value } : { type: 'json_object' };
    case 'json_schema': {
      const { name, schema, strict } = format.json_schema ?? { schema: format.value };
      if (!schema) return { type: 'json_object' };
      return { type: 'json_schema', name: name ?? 'response', schema, ...(typeof strict === 'boolean' ? { strict } : {}) };
    }
  }
}
