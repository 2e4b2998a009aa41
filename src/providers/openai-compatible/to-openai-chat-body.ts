import { isRecord } from '../json.js';
import type { ChatMessage, ChatRequest, ResponseFormat } from '../spec/index.js';

/**
 * Builds the Chat Completions request body for one call. `streamOptions: false` leaves
 * `stream_options` out for upstreams that reject it (they must report stream usage unasked).
 */
export function toOpenAIChatBody(request: ChatRequest, stream: boolean, streamOptions = true): Record<string, unknown> {
  // `extra` goes first so a caller's unmodelled parameter can never replace a modelled one.
  const body: Record<string, unknown> = { ...request.extra };
  body.model = request.model;
  body.messages = request.messages.map(toOpenAIMessage);
  if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stop !== undefined) body.stop = request.stop;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.tools !== undefined) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: tool.parameters },
    }));
  }
  if (request.toolChoice !== undefined) body.tool_choice = request.toolChoice;
  if (request.responseFormat !== undefined) body.response_format = toOpenAIResponseFormat(request.responseFormat);
  if (stream) {
    body.stream = true;
    // Usage must come back on streams too, or a stream cut short could not be billed.
    const callerStreamOptions = isRecord(body.stream_options) ? body.stream_options : {};
    body.stream_options = { ...callerStreamOptions, include_usage: true };
    if (!streamOptions) delete body.stream_options;
  } else {
    delete body.stream;
    delete body.stream_options;
  }
  return body;
}

function toOpenAIMessage(message: ChatMessage): Record<string, unknown> {
  const wire: Record<string, unknown> = { role: message.role, content: message.content };
  if (message.name !== undefined) wire.name = message.name;
  if (message.role === 'tool' && message.toolCallId !== undefined) wire.tool_call_id = message.toolCallId;
  if (message.toolCalls !== undefined && message.toolCalls.length > 0) {
    // OpenAI documents `content: null` for an assistant turn that only calls tools.
    if (message.content === '') wire.content = null;
    wire.tool_calls = message.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  return wire;
}

function toOpenAIResponseFormat(format: ResponseFormat): Record<string, unknown> {
  if (format.type !== 'json_schema') return { type: format.type };
  const jsonSchema: Record<string, unknown> = { name: format.name, schema: format.schema };
  if (format.strict !== undefined) jsonSchema.strict = format.strict;
  return { type: 'json_schema', json_schema: jsonSchema };
}
