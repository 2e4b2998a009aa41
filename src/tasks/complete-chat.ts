import type { GenerationParameters } from '../contract/generation-parameters.js';
import type { TaskType } from '../contract/task-types.js';
import type { GatewayError } from '../errors.js';
import { emptyUsage, UpstreamError, type ChatMessage, type ChatResult, type ChatTool, type ResponseFormat, type Usage } from '../providers/spec/index.js';
import type { CatalogModel } from '../routing/model-catalog.js';
import type { Candidate, ResolvedModel } from '../routing/model-resolver.js';
import { startAttempt, type AttemptDeadline } from './attempt-deadline.js';
import { toChatRequest } from './chat-request-builder.js';
import { settleUsage } from './settle-usage.js';
import type { TaskContext } from './task-context.js';
import { toClientError } from './upstream-failure.js';
import { AttemptsFailed, runAttempts } from './run-attempts.js';

export interface ChatCall {
  task: TaskType;
  /** What the client asked for; the task's default model when it named none. */
  modelName: string | undefined;
  messages: ChatMessage[];
  parameters: GenerationParameters | undefined;
  responseFormat?: ResponseFormat;
  tools?: ChatTool[];
  toolChoice?: unknown;
}

export interface Completed<Result> {
  result: Result;
  model: CatalogModel;
  provider: string;
  costNanoUsd: bigint;
}

export function resolveModel(context: TaskContext, task: TaskType, modelName: string | undefined): ResolvedModel {
  return context.services.resolver.resolve(modelName ?? context.services.defaultModels[task], task);
}

/** The upstream request for one candidate; a Hub mapping's parameters act as defaults. */
export function requestFor(call: ChatCall, resolved: ResolvedModel, candidate: Candidate) {
  const request = toChatRequest(candidate.providerModel, call.messages, { ...resolved.mapping?.parameters, ...call.parameters });
  if (call.responseFormat) request.responseFormat = call.responseFormat;
  if (call.tools?.length) request.tools = call.tools;
  if (call.toolChoice !== undefined) request.toolChoice = call.toolChoice;
  return request;
}

/** Each attempt gets its own deadline, and ends at once when the client goes away. */
export function attemptDeadline(context: TaskContext): AttemptDeadline {
  return startAttempt(context.signal, context.services.upstreamTimeoutMs);
}

/**
 * Runs the routing loop (run-attempts.ts) for one call and settles its usage: the row is
 * committed before this resolves, for failures too (status `error`, cost 0).
 */
export async function completeWithCandidates<Result extends { usage: Usage }>(
  context: TaskContext,
  task: TaskType,
  resolved: ResolvedModel,
  attempt: (candidate: Candidate, signal: AbortSignal) => Promise<Result>,
): Promise<Completed<Result>> {
  let outcome: { result: Result; candidate: Candidate };
  try {
    outcome = await runAttempts(context, resolved.candidates, (candidate, deadline) => attempt(candidate, deadline.signal));
  } catch (error) {
    throw await failed(context, task, resolved, error);
  }
  const { result, candidate } = outcome;
  const costNanoUsd = await settleUsage(context, {
    task,
    model: resolved.model,
    provider: candidate.adapter.id,
    providerModel: candidate.providerModel,
    usage: result.usage,
    status: 'success',
    httpStatus: 200,
  });
  return { result, model: resolved.model, provider: candidate.adapter.id, costNanoUsd };
}

/** Records the failed call and returns the error the client gets. */
export async function failed(context: TaskContext, task: TaskType, resolved: ResolvedModel, error: unknown): Promise<GatewayError> {
  const { failure, candidate } = error instanceof AttemptsFailed ? error : { failure: error, candidate: undefined };
  const clientError = toClientError(failure);
  await recordFailure(context, task, resolved.model, candidate, clientError);
  return clientError;
}

export function completeChat(context: TaskContext, call: ChatCall): Promise<Completed<ChatResult>> {
  const resolved = resolveModel(context, call.task, call.modelName);
  return completeWithCandidates(context, call.task, resolved, (candidate, signal) =>
    candidate.adapter.chat(requestFor(call, resolved, candidate), { signal, requestId: context.inferenceId }),
  );
}

export async function recordFailure(
  context: TaskContext,
  task: TaskType,
  model: CatalogModel,
  candidate: Candidate | undefined,
  error: GatewayError,
): Promise<void> {
  await settleUsage(context, {
    task,
    model,
    provider: candidate?.adapter.id,
    providerModel: candidate?.providerModel,
    usage: emptyUsage(),
    status: 'error',
    httpStatus: error.status,
  });
}

/** An abort from our own deadline is a timeout (retryable); one from the client is not. */
export function normalizeAbort(error: unknown, candidate: Candidate, context: TaskContext): unknown {
  if (!(error instanceof UpstreamError) || error.kind !== 'aborted' || context.signal.aborted) return error;
  return new UpstreamError({ provider: candidate.adapter.id, kind: 'timeout', message: 'Upstream attempt timed out', cause: error });
}
