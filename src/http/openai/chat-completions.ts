import type { FastifyReply, FastifyRequest } from 'fastify';
import { chatCompletionRequestSchema, type ChatCompletion, type ChatCompletionRequest } from '../../contract/openai/chat-completions.js';
import { parseWith } from '../../contract/parse-with.js';
import type { ChatResult } from '../../providers/spec/index.js';
import type { ChatCall } from '../../routing/call.js';
import { executeMany, stream } from '../../routing/execute.js';
import { GatewayError } from '../../errors.js';
import { chatCall } from '../../tasks/chat-call.js';
import type { GatewayServices } from '../../trpc/gateway-services.js';
import { sendEventStream } from '../event-stream.js';
import { callContextOf } from '../request-context.js';
import { chatCompletionChunks } from './chat-completion-chunks.js';
import { openAIFinishReason, openAIUsage, responseIdentity, sumUsage, type ResponseIdentity } from './openai-wire.js';
import { samplingParameters, toChatMessage, toChatTool, toResponseFormat } from './to-chat-call.js';

/**
 * `POST /v1/chat/completions`. `modelOverride` fixes the model (HF-native per-model routes take it
 * from the path; HF's clients then put "tgi", "dummy" or the endpoint URL in the body's `model`).
 * Resolves with the `chat.completion` object, or streams `chat.completion.chunk` events.
 */
export async function handleChatCompletions(
  request: FastifyRequest,
  reply: FastifyReply,
  services: GatewayServices,
  modelOverride?: string,
): Promise<ChatCompletion | undefined> {
  const body = parseWith(chatCompletionRequestSchema, request.body);
  const context = callContextOf(request, reply, services);
  const call = toChatCall(body, modelOverride ?? body.model);
  const identity = responseIdentity('chatcmpl-', request.id, call.modelName ?? services.pipeline.defaultModels.conversational);
  const n = choiceCount(body.n, body.stream);
  if (body.stream) {
    const parts = await stream(context, call);
    await sendEventStream(reply, chatCompletionChunks(parts, identity, body.stream_options?.include_usage === true));
    return undefined;
  }
  const { result } = await executeMany(context, call, n);
  return chatCompletionBody(identity, result);
}

/** OpenAI's `n`: served by fanning out (every upstream supports that); streams carry one choice. */
export function choiceCount(n: number | null | undefined, streaming: boolean | null | undefined): number {
  const count = n ?? 1;
  if (count > 1 && streaming) throw new GatewayError('invalid_request', 'Invalid request body', 'n: n > 1 is not supported with stream: true.');
  return count;
}

function toChatCall(body: ChatCompletionRequest, modelName: string | undefined): ChatCall {
  return chatCall({
    task: 'conversational',
    modelName,
    messages: body.messages.map(toChatMessage),
    parameters: samplingParameters(body, body.max_completion_tokens ?? body.max_tokens),
    ...(body.tools?.length ? { tools: body.tools.map(toChatTool) } : {}),
    ...(body.tool_choice === undefined || body.tool_choice === null ? {} : { toolChoice: body.tool_choice }),
    ...(body.response_format ? { responseFormat: toResponseFormat(body.response_format) } : {}),
  });
}

/** The `chat.completion` object of one or more choices; the usage is their sum (what was billed). */
export function chatCompletionBody(identity: ResponseIdentity, results: ChatResult[]): ChatCompletion {
  return {
    ...identity,
    object: 'chat.completion',
    system_fingerprint: null,
    choices: results.map(choiceOf),
    usage: openAIUsage(sumUsage(results)),
  };
}

function choiceOf(result: ChatResult, index: number): ChatCompletion['choices'][number] {
  const toolCalls = result.toolCalls.map((call) => ({
    id: call.id,
    type: 'function' as const,
    function: { name: call.name, arguments: call.arguments },
  }));
  return {
    index,
    message: {
      role: 'assistant',
      content: result.text === '' && toolCalls.length > 0 ? null : result.text,
      refusal: null,
      ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    },
    logprobs: null,
    finish_reason: openAIFinishReason(result.finishReason),
  };
}
