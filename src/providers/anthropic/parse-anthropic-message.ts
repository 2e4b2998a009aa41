import { parseJsonObject } from '../parse-json-object.js';
import { protocolFailure } from '../classify-failure.js';
import { isRecord } from '../json.js';
import type { ChatResult, ToolCall } from '../spec/index.js';
import { anthropicErrorInBody, normalizeAnthropicUsage, toFinishReason } from './anthropic-usage.js';

/** Reads a non-streaming Messages API body: text blocks are joined, `tool_use` blocks become tool calls. */
export function parseAnthropicMessage(bodyText: string, provider: string): ChatResult {
  const body = parseJsonObject(bodyText, provider);
  if (body.type === 'error') throw anthropicErrorInBody(provider, body);
  if (!Array.isArray(body.content)) throw protocolFailure(provider, 'answered without a content list');

  let text = '';
  const toolCalls: ToolCall[] = [];
  for (const block of body.content) {
    if (!isRecord(block)) continue;
    if (block.type === 'text' && typeof block.text === 'string') text += block.text;
    if (block.type === 'tool_use') toolCalls.push(toToolCall(block, provider));
    // `thinking` and `redacted_thinking` blocks are the model's scratchpad, not the answer.
  }
  const result: ChatResult = {
    text,
    toolCalls,
    finishReason: toFinishReason(body.stop_reason) ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
    usage: normalizeAnthropicUsage(body.usage),
  };
  if (typeof body.model === 'string') result.responseModel = body.model;
  return result;
}

function toToolCall(block: Record<string, unknown>, provider: string): ToolCall {
  if (typeof block.name !== 'string') throw protocolFailure(provider, 'answered with a tool_use block without a name');
  return { id: typeof block.id === 'string' ? block.id : '', name: block.name, arguments: JSON.stringify(block.input ?? {}) };
}
