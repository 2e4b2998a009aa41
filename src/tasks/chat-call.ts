import type { GenerationParameters } from '../contract/generation-parameters.js';
import type { TaskType } from '../contract/task-types.js';
import type { ChatMessage, ChatRequest, ChatTool, ResponseFormat } from '../providers/spec/index.js';
import type { ChatCall, Target } from '../routing/call.js';

/**
 * Parameters forwarded upstream as-is besides the ones ChatRequest models. Anything else a client
 * sends (HF's `do_sample`, `details`, `return_full_text`, ...) is accepted and not forwarded:
 * strict upstreams answer 400 to parameters they do not know.
 */
const forwardedExtras = ['frequency_penalty', 'presence_penalty', 'repetition_penalty', 'top_k', 'min_p', 'logit_bias', 'user'];

export interface ChatCallSpec {
  task: TaskType;
  modelName: string | undefined;
  messages: ChatMessage[];
  parameters: GenerationParameters | undefined;
  responseFormat?: ResponseFormat;
  tools?: ChatTool[];
  toolChoice?: unknown;
}

/** A chat call for the pipeline; a Hub mapping's parameters act as defaults under the request's. */
export function chatCall(spec: ChatCallSpec): ChatCall {
  return {
    operation: 'chat',
    task: spec.task,
    modelName: spec.modelName,
    request: (target: Target) => {
      const request = toChatRequest(target.providerModel, spec.messages, { ...target.defaults, ...spec.parameters });
      if (spec.responseFormat) request.responseFormat = spec.responseFormat;
      if (spec.tools?.length) request.tools = spec.tools;
      if (spec.toolChoice !== undefined) request.toolChoice = spec.toolChoice;
      return request;
    },
  };
}

function toChatRequest(model: string, messages: ChatMessage[], parameters: GenerationParameters): ChatRequest {
  const request: ChatRequest = { model, messages };
  const maxTokens = parameters.max_tokens ?? parameters.max_new_tokens;
  if (maxTokens !== undefined) request.maxTokens = maxTokens;
  if (parameters.temperature !== undefined) request.temperature = parameters.temperature;
  if (parameters.top_p !== undefined) request.topP = parameters.top_p;
  if (parameters.seed !== undefined) request.seed = parameters.seed;
  if (parameters.stop !== undefined) request.stop = typeof parameters.stop === 'string' ? [parameters.stop] : parameters.stop;
  const extra: Record<string, unknown> = {};
  for (const name of forwardedExtras) if (parameters[name] !== undefined) extra[name] = parameters[name];
  if (Object.keys(extra).length > 0) request.extra = extra;
  return request;
}
