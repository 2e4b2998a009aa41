import { protocolFailure } from '../classify-failure.js';
import { isRecord } from '../json.js';
import { parseJsonObject } from '../parse-json-object.js';
import type { ChatResult, ToolCall } from '../spec/index.js';
import { normalizeCohereUsage, toFinishReason } from './cohere-usage.js';

/** Reads a non-streaming v2 chat body: text content items are joined, `tool_calls` kept as sent. */
export function parseCohereChat(bodyText: string, provider: string): ChatResult {
  const body = parseJsonObject(bodyText, provider);
  if (!isRecord(body.message)) throw protocolFailure(provider, 'answered without a message');
  const { message } = body;
  let text = '';
  for (const item of Array.isArray(message.content) ? message.content : []) {
    // `thinking` items (reasoning models) are the model's scratchpad, not the answer.
    if (isRecord(item) && item.type === 'text' && typeof item.text === 'string') text += item.text;
  }
  const toolCalls = (Array.isArray(message.tool_calls) ? message.tool_calls : []).map((call: unknown) => toToolCall(call, provider));
  return {
    text,
    toolCalls,
    finishReason: toFinishReason(body.finish_reason) ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
    usage: normalizeCohereUsage(body.usage),
  };
}

function toToolCall(call: unknown, provider: string): ToolCall {
  const fn = isRecord(call) && isRecord(call.function) ? call.function : undefined;
  if (fn === undefined || typeof fn.name !== 'string') throw protocolFailure(provider, 'answered with a tool call without a name');
  const id = isRecord(call) && typeof call.id === 'string' ? call.id : '';
  return { id, name: fn.name, arguments: typeof fn.arguments === 'string' ? fn.arguments : JSON.stringify(fn.arguments ?? {}) };
}
