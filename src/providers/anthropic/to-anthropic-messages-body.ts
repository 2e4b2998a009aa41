import type { ChatMessage, ChatRequest } from '../spec/index.js';

// Anthropic rejects a request without `max_tokens` (OpenAI defaults it to the model's limit),
// and the gateway must not fail a request the caller could send to any other provider. 4096 is
// the largest output every current Claude model accepts.
export const DEFAULT_MAX_TOKENS = 4096;

type ContentBlock = Record<string, unknown>;
interface AnthropicMessage {
  role: 'user' | 'assistant';
  content: string | ContentBlock[];
}

/** Builds the Messages API request body for one call. */
export function toAnthropicMessagesBody(request: ChatRequest, stream: boolean): Record<string, unknown> {
  // `extra` goes first so a caller's unmodelled parameter (`top_k`, `metadata`, `thinking`) can
  // never replace a modelled one.
  const body: Record<string, unknown> = { ...request.extra };
  body.model = request.model;
  // Anthropic takes instructions only as the top-level `system`, never as a turn.
  const system = request.messages.filter((message) => message.role === 'system').map((message) => message.content);
  if (system.length > 0) body.system = system.join('\n\n');
  else delete body.system;
  body.messages = toAnthropicMessages(request.messages);
  body.max_tokens = request.maxTokens ?? DEFAULT_MAX_TOKENS;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stop !== undefined) body.stop_sequences = request.stop;
  if (request.tools !== undefined) {
    body.tools = request.tools.map((tool) => ({
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      input_schema: tool.parameters,
    }));
  }
  if (request.toolChoice !== undefined) body.tool_choice = toAnthropicToolChoice(request.toolChoice);
  // `seed` and `responseFormat` have no Messages API counterpart at this API version; they are
  // dropped rather than sent, because Anthropic answers 400 to unknown top-level fields.
  if (stream) body.stream = true;
  else delete body.stream;
  return body;
}

function toAnthropicMessages(messages: ChatMessage[]): AnthropicMessage[] {
  const wire: AnthropicMessage[] = [];
  for (const message of messages) {
    if (message.role === 'system') continue;
    if (message.role === 'tool') {
      const result: ContentBlock = { type: 'tool_result', tool_use_id: message.toolCallId ?? '', content: message.content };
      // All results answering one assistant turn must sit in the single user turn after it.
      const previous = wire.at(-1);
      if (previous?.role === 'user' && Array.isArray(previous.content) && previous.content.every((block) => block.type === 'tool_result')) {
        previous.content.push(result);
      } else {
        wire.push({ role: 'user', content: [result] });
      }
      continue;
    }
    if (message.role === 'assistant' && message.toolCalls !== undefined && message.toolCalls.length > 0) {
      const blocks: ContentBlock[] = message.content === '' ? [] : [{ type: 'text', text: message.content }];
      for (const call of message.toolCalls) blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: parseArguments(call.arguments) });
      wire.push({ role: 'assistant', content: blocks });
      continue;
    }
    wire.push({ role: message.role, content: message.content });
  }
  return wire;
}

/** Tool-call arguments are JSON text in the gateway and a JSON object on Anthropic's wire. */
function parseArguments(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // A model can emit broken arguments (cut by max_tokens); the turn is still replayed.
  }
  return {};
}

/**
 * Accepts OpenAI's vocabulary (`auto`, `none`, `required`, `{type:'function', function:{name}}`),
 * which is what the gateway's callers send, and passes Anthropic's own shapes through.
 */
function toAnthropicToolChoice(choice: unknown): unknown {
  if (choice === 'auto' || choice === 'none') return { type: choice };
  if (choice === 'required') return { type: 'any' };
  if (typeof choice === 'object' && choice !== null) {
    const details = choice as { type?: unknown; function?: { name?: unknown } };
    if (details.type === 'function' && typeof details.function?.name === 'string') return { type: 'tool', name: details.function.name };
  }
  return choice;
}
