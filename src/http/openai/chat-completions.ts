import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../app-services.js';
import { chatCompletionRequestSchema, type ChatCompletion, type ChatCompletionRequest } from '../../contract/openai/chat-completions.js';
import type { ChatResult } from '../../providers/spec/index.js';
import { completeChat, type ChatCall } from '../../tasks/complete-chat.js';
import { openChatStream } from '../../tasks/stream-chat.js';
import { sendEventStream } from '../event-stream.js';
import { parseWith } from '../parse-with.js';
import { chatCompletionChunks } from './chat-completion-chunks.js';
import { taskContextOf } from '../request-context.js';
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
  services: AppServices,
  modelOverride?: string,
): Promise<ChatCompletion | undefined> {
  const body = parseWith(chatCompletionRequestSchema, request.body);
  const context = taskContextOf(request, reply, services);
  const call = toChatCall(body, modelOverride ?? body.model);
  const identity = responseIdentity('chatcmpl-', request.id, call.modelName ?? services.tasks.defaultModels.conversational);
  if (body.stream) {
    const parts = await openChatStream(context, call);
    await sendEventStream(reply, chatCompletionChunks(parts, identity, body.stream_options?.include_usage === true));
    return undefined;
  }
  const { result } = await completeChat(context, call);
  return chatCompletionBody(identity, result);
}

function toChatCall(body: ChatCompletionRequest, modelName: string | undefined): ChatCall {
  const call: ChatCall = {
    task: 'conversational',
    modelName,
    messages: body.messages.map(toChatMessage),
    parameters: samplingParameters(body, body.max_completion_tokens ?? body.max_tokens),
  };
  if (body.tools?.length) call.tools = body.tools.map(toChatTool);
  if (body.tool_choice !== undefined && body.tool_choice !== null) call.toolChoice = body.tool_choice;
  if (body.response_format) call.responseFormat = toResponseFormat(body.response_format);
  return call;
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
