import type { TaskType } from '../contract/task-types.js';
import type { ChatRequest, ChatResult, EmbeddingRequest, EmbeddingResult, ImageRequest, ImageResult } from '../providers/spec/index.js';

/**
 * Where one attempt goes: a provider, its own id for the model, and the defaults the request
 * came with through its Hub mapping (the request's own parameters override them).
 */
export interface Target {
  provider: string;
  providerModel: string;
  defaults: Readonly<Record<string, unknown>>;
}

interface CallOf<Operation extends string, Request> {
  operation: Operation;
  task: TaskType;
  /** What the client asked for; the task's default model when it named none. */
  modelName: string | undefined;
  /** The upstream request for one target; called once per attempt. */
  request(target: Target): Request;
}

/**
 * One unit of work for the pipeline (`execute` or, for chat, `stream`): which task it bills as,
 * which model it asks for, the adapter operation, and how to build the request for a candidate.
 */
export type ChatCall = CallOf<'chat', ChatRequest>;
export type EmbedCall = CallOf<'embed', EmbeddingRequest>;
export type ImageCall = CallOf<'image', ImageRequest>;
export type Call = ChatCall | EmbedCall | ImageCall;

export type ResultOf<C extends Call> = C extends ChatCall ? ChatResult : C extends EmbedCall ? EmbeddingResult : ImageResult;
