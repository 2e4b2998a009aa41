import type { ChatMessage, ChatRequest, ChatTool } from '../spec/index.js';

/** Builds the v2 `/v2/chat` body for one call. */
export function toCohereChatBody(request: ChatRequest, stream: boolean): Record<string, unknown> {
  // `extra` goes first so a caller's unmodelled parameter (`k`, `safety_mode`) never replaces a modelled one.
  const body: Record<string, unknown> = { ...request.extra };
  body.model = request.model;
  body.messages = request.messages.map(toCohereMessage);
  if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.p = request.topP;
  if (request.stop !== undefined) body.stop_sequences = request.stop;
  if (request.seed !== undefined) body.seed = request.seed;
  const forced = forcedToolName(request.toolChoice);
  // Cohere has no "call this function": only the forced tool is offered, and a call is required.
  const tools = forced === undefined ? request.tools : request.tools?.filter((tool) => tool.name === forced);
  if (tools !== undefined && tools.length > 0) body.tools = tools.map(toCohereTool);
  if (request.toolChoice === 'required' || forced !== undefined) body.tool_choice = 'REQUIRED';
  else if (request.toolChoice === 'none') body.tool_choice = 'NONE';
  const format = request.responseFormat;
  if (format?.type === 'json_object') body.response_format = { type: 'json_object' };
  if (format?.type === 'json_schema') body.response_format = { type: 'json_object', json_schema: format.schema };
  if (stream) body.stream = true;
  else delete body.stream;
  return body;
}

function toCohereMessage(message: ChatMessage): Record<string, unknown> {
  if (message.role === 'tool') return { role: 'tool', tool_call_id: message.toolCallId ?? '', content: message.content };
  if (message.role === 'assistant' && message.toolCalls !== undefined && message.toolCalls.length > 0) {
    const wire: Record<string, unknown> = {
      role: 'assistant',
      tool_calls: message.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })),
    };
    // Cohere calls the text a model writes before its tool calls the `tool_plan`.
    if (message.content !== '') wire.tool_plan = message.content;
    return wire;
  }
  return { role: message.role, content: message.content };
}

function toCohereTool(tool: ChatTool): Record<string, unknown> {
  return {
    type: 'function',
    function: { name: tool.name, ...(tool.description === undefined ? {} : { description: tool.description }), parameters: tool.parameters },
  };
}

function forcedToolName(choice: unknown): string | undefined {
  const details = typeof choice === 'object' && choice !== null ? (choice as { type?: unknown; function?: { name?: unknown } }) : undefined;
  return details?.type === 'function' && typeof details.function?.name === 'string' ? details.function.name : undefined;
}
