import type { FastifyReply, FastifyRequest } from 'fastify';
import { completionRequestSchema, type Completion, type CompletionRequest } from '../../contract/openai/completions.js';
import { parseWith } from '../../contract/parse-with.js';
import type { ChatCall } from '../../routing/call.js';
import type { ChatStreamPart } from '../../routing/chat-stream.js';
import { executeMany, stream } from '../../routing/execute.js';
import { choiceCount } from './chat-completions.js';
import { chatCall } from '../../tasks/chat-call.js';
import type { GatewayServices } from '../../trpc/gateway-services.js';
import { sendEventStream } from '../event-stream.js';
import { callContextOf } from '../request-context.js';
import { openAIFinishReason, openAIUsage, responseIdentity, sumUsage, type ResponseIdentity } from './openai-wire.js';
import { samplingParameters } from './to-chat-call.js';

// OpenAI's legacy endpoint answers 16 tokens when max_tokens is absent.
const DEFAULT_MAX_TOKENS = 16;

/**
 * `POST /v1/completions`, served by a chat model: the prompt is one user message. HF's JS
 * client (4.13.18+) calls it for text-generation with the endpoint URL as `model`, so per-model
 * routes pass `modelOverride`. Resolves with the `text_completion` object, or streams its chunks.
 */
export async function handleCompletions(
  request: FastifyRequest,
  reply: FastifyReply,
  services: GatewayServices,
  modelOverride?: string,
): Promise<Completion | undefined> {
  const body = parseWith(completionRequestSchema, request.body);
  const context = callContextOf(request, reply, services);
  const call = toChatCall(body, modelOverride ?? body.model);
  const identity = responseIdentity('cmpl-', request.id, call.modelName ?? services.pipeline.defaultModels['text-generation']);
  const echo = body.echo ? promptOf(body) : '';
  const n = choiceCount(body.n, body.stream);
  if (body.stream) {
    const parts = await stream(context, call);
    await sendEventStream(reply, completionChunks(parts, identity, echo, body.stream_options?.include_usage === true));
    return undefined;
  }
  const { result } = await executeMany(context, call, n);
  const choices = result.map((each, index) => ({ text: echo + each.text, index, logprobs: null, finish_reason: openAIFinishReason(each.finishReason) }));
  return { ...completionObject(identity, choices), usage: openAIUsage(sumUsage(result)) };
}

function promptOf(body: CompletionRequest): string {
  return typeof body.prompt === 'string' ? body.prompt : body.prompt[0]!;
}

function toChatCall(body: CompletionRequest, modelName: string | undefined): ChatCall {
  return chatCall({
    task: 'text-generation',
    modelName,
    messages: [{ role: 'user', content: promptOf(body) }],
    parameters: samplingParameters(body, body.max_tokens ?? DEFAULT_MAX_TOKENS),
  });
}

function completionObject(identity: ResponseIdentity, choices: Completion['choices']): Completion {
  return { ...identity, object: 'text_completion', system_fingerprint: null, choices };
}

/**
 * Text chunks, one with the finish reason, then (only with `include_usage`) one with the usage and
 * no choices. Each text chunk also carries TGI's `token` (and the finishing one `generated_text`
 * and `details`): HF's clients call this route for text-generation and parse TGI's stream.
 */
async function* completionChunks(
  parts: AsyncIterable<ChatStreamPart>,
  identity: ResponseIdentity,
  echo: string,
  includeUsage: boolean,
): AsyncGenerator<Completion> {
  const usageField = includeUsage ? { usage: null } : {};
  let tokenIndex = 0;
  const chunk = (text: string, finishReason: Completion['choices'][number]['finish_reason'] = null): Completion => ({
    ...completionObject(identity, [{ text, index: 0, logprobs: null, finish_reason: finishReason }]),
    ...usageField,
    token: { id: tokenIndex++, text, logprob: 0, special: finishReason !== null },
    generated_text: null,
    details: null,
  });
  if (echo !== '') yield chunk(echo);
  for await (const part of parts) {
    if (part.type === 'text') {
      if (part.text !== '') yield chunk(part.text);
    } else if (part.type === 'done') {
      const finishReason = openAIFinishReason(part.finishReason);
      yield {
        ...chunk('', finishReason),
        generated_text: echo + part.text,
        details: { finish_reason: finishReason, generated_tokens: part.usage.outputTokens, input_length: part.usage.inputTokens },
      };
      if (includeUsage) yield { ...completionObject(identity, []), usage: openAIUsage(part.usage) };
    } else if (part.type === 'error') {
      throw part.error;
    }
  }
}
