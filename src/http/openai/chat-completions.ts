import type { FastifyReply, FastifyRequest } from 'fastify';
import { chatCompletionRequestSchema, type ChatCompletion, type ChatCompletionRequest } from '../../contract/openai/chat-completions.js';
import { parseWith } from '../../contract/parse-with.js';
import type { ChatResult } from '../../providers/spec/index.js';
import type { ChatCall } from '../../routing/call.js';
import { execute, stream } from '../../routing/execute.js';
import { chatCall } from '../../tasks/chat-call.js';
import type { GatewayServices } from '../../trpc/gateway-services.js';
import { sendEventStream } from '../event-stream.js';
import { callContextOf } from '../request-context.js';
import { chatCompletionChunks } from './chat-completion-chunks.js';
import { openAIFinishReason, openAIUsage, responseIdentity, type ResponseIdentity } from './openai-wire.js';
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
  if (body.stream) {
    const parts = await stream(context, call);
    await sendEventStream(reply, chatCompletionChunks(parts, identity, body.stream_options?.include_usage === true));
    return undefined;
  }
  const { result } = await execute(context, call);
  return chatCompletionBody(identity, result);
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

export function chatCompletionBody(identity: ResponseIdentity, result: ChatResult): ChatCompletion {
  const toolCalls = result.toolCalls.map((call) => ({
    id: call.id,
    type: 'function' as const,
    function: { name: call.name, arguments: call.arguments },
  }));
  return {
    ...identity,
    object: 'chat.completion',
    system_fingerprint: null,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: result.text === '' && toolCalls.length > 0 ? null : result.text,
          refusal: null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: openAIFinishReason(result.finishReason),
      },
    ],
    usage: openAIUsage(result.usage),
  };
}
