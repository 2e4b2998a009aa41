import { parseJsonObject } from '../parse-json-object.js';
import type { ChatResult, ToolCall } from '../spec/index.js';
import { errorInBody, protocolFailure } from '../classify-failure.js';
import { openAIUsageReader, toFinishReason, type UsageReader } from './openai-usage.js';
import { isRecord } from '../json.js';

/** Reads a non-streaming Chat Completions body; only the first choice is used (the gateway sends n=1). */
export function parseChatCompletion(bodyText: string, provider: string, usage: UsageReader = openAIUsageReader): ChatResult {
  const body = parseJsonObject(bodyText, provider);
  if (body.error !== undefined && body.error !== null) throw errorInBody(provider, body.error);

  const choice = Array.isArray(body.choices) ? body.choices[0] : undefined;
  if (!isRecord(choice) || !isRecord(choice.message)) {
    throw protocolFailure(provider, 'answered without a message in choices[0]');
  }
  const message = choice.message;
  const toolCalls = readToolCalls(message.tool_calls, provider);
  const result: ChatResult = {
    text: typeof message.content === 'string' ? message.content : '',
    toolCalls,
    finishReason: toFinishReason(choice.finish_reason) ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
    usage: usage.normalize(usage.find(body)),
  };
  if (typeof body.model === 'string') result.responseModel = body.model;
  return result;
}

function readToolCalls(value: unknown, provider: string): ToolCall[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw protocolFailure(provider, 'answered with tool_calls that is not a list');
  return value.map((call: unknown) => {
    const details = isRecord(call) && isRecord(call.function) ? call.function : undefined;
    if (!isRecord(call) || details === undefined || typeof details.name !== 'string') {
      throw protocolFailure(provider, 'answered with a tool call without a function name');
    }
    return {
      id: typeof call.id === 'string' ? call.id : '',
      name: details.name,
      arguments: typeof details.arguments === 'string' ? details.arguments : JSON.stringify(details.arguments ?? {}),
    };
  });
}
