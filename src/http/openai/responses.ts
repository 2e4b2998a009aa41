import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseWith } from '../../contract/parse-with.js';
import {
  responseRequestSchema,
  type ResponseInputItem,
  type ResponseObject,
  type ResponseOutputItem,
  type ResponseRequest,
  type ResponseTextFormat,
} from '../../contract/openai/responses.js';
import { GatewayError } from '../../errors.js';
import type { ChatMessage, ChatResult, ResponseFormat } from '../../providers/spec/index.js';
import type { ChatCall } from '../../routing/call.js';
import { execute, stream } from '../../routing/execute.js';
import { chatCall } from '../../tasks/chat-call.js';
import type { GatewayServices } from '../../trpc/gateway-services.js';
import { sendEventStream } from '../event-stream.js';
import { callContextOf } from '../request-context.js';
import { finishedResponse, functionCallItemId, messageItemId, type ResponseFrame } from './response-object.js';
import { responseEvents } from './response-events.js';
import { samplingParameters } from './to-chat-call.js';

/**
 * `POST /v1/responses`: OpenAI's Responses API over the chat pipeline (one chat call, billed as
 * conversational). Stateless: nothing is stored, so `previous_response_id` is a 400 (README).
 */
export async function handleResponses(request: FastifyRequest, reply: FastifyReply, services: GatewayServices): Promise<ResponseObject | undefined> {
  const body = parseWith(responseRequestSchema, request.body);
  if (body.previous_response_id) {
    throw new GatewayError(
      'invalid_request',
      'previous_response_id is not supported',
      'Gatewayz does not store responses; send the whole conversation in `input` (with store: false, as stateless clients do).',
    );
  }
  const context = callContextOf(request, reply, services);
  const call = toChatCall(body);
  const frame = responseFrame(body, request.id, call.modelName ?? services.pipeline.defaultModels.conversational);
  if (body.stream) {
    const parts = await stream(context, call);
    await sendEventStream(reply, responseEvents(parts, frame), { typed: true });
    return undefined;
  }
  const { result, costNanoUsd } = await execute(context, call);
  return finishedResponse(frame, outputItems(frame.id, result), result.finishReason, result.usage, costNanoUsd);
}

function responseFrame(body: ResponseRequest, inferenceId: string, model: string): ResponseFrame {
  return {
    id: `resp_${inferenceId}`,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    error: null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: null,
    store: false,
    temperature: body.temperature ?? null,
    top_p: body.top_p ?? null,
    text: { format: body.text?.format ?? { type: 'text' } },
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    truncation: 'disabled',
    metadata: body.metadata ?? {},
  };
}

function outputItems(responseId: string, result: ChatResult): ResponseOutputItem[] {
  const items: ResponseOutputItem[] = [];
  if (result.text !== '' || result.toolCalls.length === 0) {
    items.push({
      type: 'message',
      id: messageItemId(responseId),
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: result.text, annotations: [], logprobs: [] }],
    });
  }
  result.toolCalls.forEach((call, index) => {
    items.push({
      type: 'function_call',
      id: functionCallItemId(responseId, index),
      call_id: call.id,
      name: call.name,
      arguments: call.arguments,
      status: 'completed',
    });
  });
  return items;
}

function toChatCall(body: ResponseRequest): ChatCall {
  const messages: ChatMessage[] = body.instructions ? [{ role: 'system', content: body.instructions }] : [];
  const items: ResponseInputItem[] = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : body.input;
  for (const item of items) appendItem(messages, item);
  const toolChoice = body.tool_choice;
  return chatCall({
    task: 'conversational',
    modelName: body.model,
    messages,
    parameters: samplingParameters(body, body.max_output_tokens),
    ...(body.tools?.length
      ? {
          tools: body.tools.map((tool) => ({
            name: tool.name,
            ...(tool.description ? { description: tool.description } : {}),
            parameters: tool.parameters ?? { type: 'object', properties: {} },
          })),
        }
      : {}),
    // Chat Completions names a forced function under `function`; the Responses API at the top level.
    ...(toolChoice === undefined || toolChoice === null
      ? {}
      : { toolChoice: typeof toolChoice === 'string' ? toolChoice : { type: 'function', function: { name: toolChoice.name } } }),
    ...(body.text?.format ? { responseFormat: toResponseFormat(body.text.format) } : {}),
  });
}

/** Consecutive function calls become one assistant message with several tool calls, as in Chat Completions. */
function appendItem(messages: ChatMessage[], item: ResponseInputItem): void {
  if ('type' in item && item.type === 'function_call') {
    const call = { id: item.call_id, name: item.name, arguments: item.arguments };
    const last = messages.at(-1);
    if (last?.role === 'assistant' && last.toolCalls) last.toolCalls.push(call);
    else messages.push({ role: 'assistant', content: '', toolCalls: [call] });
  } else if ('type' in item && item.type === 'function_call_output') {
    messages.push({ role: 'tool', toolCallId: item.call_id, content: textOf(item.output) });
  } else if ('role' in item) {
    const role = item.role === 'developer' ? 'system' : item.role;
    messages.push({ role, content: textOf(item.content) } as ChatMessage);
  }
}

function textOf(content: string | { type: string; text?: unknown }[]): string {
  if (typeof content === 'string') return content;
  return content
    .map((part) => {
      if (part.type !== 'input_text' && part.type !== 'output_text') {
        throw new GatewayError('invalid_request', 'Unsupported content part', `"${part.type}" content parts are not supported; send input_text parts.`);
      }
      return String(part.text);
    })
    .join('\n');
}

function toResponseFormat(format: ResponseTextFormat): ResponseFormat {
  if (format.type === 'json_schema') {
    const { name, schema, strict } = format as Extract<ResponseTextFormat, { type: 'json_schema' }>;
    return { type: 'json_schema', name: name ?? 'response', schema, ...(typeof strict === 'boolean' ? { strict } : {}) };
  }
  return { type: format.type as 'text' | 'json_object' };
}
