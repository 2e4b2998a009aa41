import { settle } from '../billing/settlement.js';
import type { TaskType } from '../contract/task-types.js';
import type { GatewayError } from '../errors.js';
import { addUsage, emptyUsage, type ChatRequest, type ChatResult, type Usage } from '../providers/spec/index.js';
import type { AttemptDeadline } from './attempt-deadline.js';
import { AttemptsFailed, runAttempts, seconds } from './attempts.js';
import type { CallContext, Undo } from './call-context.js';
import type { Call, ChatCall, ResultOf, Target } from './call.js';
import { relayStream, type ChatStream, type OpenedStream, type StreamSettlement } from './chat-stream.js';
import type { CatalogModel } from '../catalog/model-catalog.js';
import type { Candidate, ResolvedModel } from './model-resolver.js';
import { toClientError } from './upstream-failure.js';

/**
 * The request pipeline: the one way any surface runs a call upstream. It resolves the model,
 * runs the `beforeForwarding` hooks, tries the candidates (attempts.ts: retries, fallbacks,
 * deadlines, circuit breakers), settles the usage in the ledger and runs the `afterSettlement`
 * hooks. Every call that reached an upstream leaves exactly one usage row, failures included.
 */

export interface Completed<Result> {
  result: Result;
  model: CatalogModel;
  provider: string;
  costNanoUsd: bigint;
}

/** A successful result the caller refuses (for example structured output that does not parse). */
export type ResultCheck<Result> = (result: Result) => void;

/** Runs a non-streaming call. `check` may throw a GatewayError: the client gets it, and the row keeps the tokens at cost 0. */
export async function execute<C extends Call>(context: CallContext, call: C, check?: ResultCheck<ResultOf<C>>): Promise<Completed<ResultOf<C>>> {
  const resolved = await admit(context, call);
  let outcome: { result: ResultOf<C>; candidate: Candidate };
  try {
    outcome = await runAttempts(context, resolved.candidates, (candidate, deadline) => invoke(context, call, resolved, candidate, deadline));
  } catch (error) {
    throw await recordFailure(context, call.task, resolved, error);
  }
  const { result, candidate } = outcome;
  try {
    check?.(result);
  } catch (error) {
    const refused = toClientError(error);
    await settleCall(context, call.task, resolved.model, candidate, result.usage, 'error', refused.status);
    throw refused;
  }
  const costNanoUsd = await settleCall(context, call.task, resolved.model, candidate, result.usage, 'success', 200);
  return { result, model: resolved.model, provider: candidate.adapter.id, costNanoUsd };
}

/**
 * Runs `n` independent completions of one chat call (OpenAI's `n`), as parallel attempts after one
 * admission. The ledger has one row per Inference-Id, so they settle once, with the summed usage:
 * every choice is billed, those of a failed request included.
 */
export async function executeMany(context: CallContext, call: ChatCall, n: number): Promise<Completed<ChatResult[]>> {
  const resolved = await admit(context, call);
  const outcomes = await Promise.allSettled(
    Array.from({ length: n }, () => runAttempts(context, resolved.candidates, (candidate, deadline) => invoke(context, call, resolved, candidate, deadline))),
  );
  const succeeded = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const usage = succeeded.map((outcome) => outcome.result.usage).reduce(addUsage, emptyUsage());
  const failed = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failed) {
    const { failure, candidate } = failed.reason instanceof AttemptsFailed ? failed.reason : { failure: failed.reason, candidate: undefined };
    const clientError = toClientError(failure);
    await settleCall(context, call.task, resolved.model, succeeded[0]?.candidate ?? candidate, usage, 'error', clientError.status);
    throw clientError;
  }
  const candidate = succeeded[0]!.candidate;
  const costNanoUsd = await settleCall(context, call.task, resolved.model, candidate, usage, 'success', 200);
  return { result: succeeded.map((outcome) => outcome.result), model: resolved.model, provider: candidate.adapter.id, costNanoUsd };
}

/**
 * Opens a streaming chat. It resolves once the upstream produced its first event, so a failure
 * before any token is still an ordinary HTTP error (and may fall over to the next provider);
 * after that, failures arrive as an `error` part (chat-stream.ts).
 */
export async function stream(context: CallContext, call: ChatCall): Promise<ChatStream> {
  const resolved = await admit(context, call);
  let opened: OpenedStream;
  let candidate: Candidate;
  try {
    ({ result: opened, candidate } = await runAttempts(context, resolved.candidates, (each, deadline) => openStream(context, call, resolved, each, deadline), {
      keepDeadline: true,
      timeoutMs: context.services.streamMaxDurationMs,
    }));
  } catch (error) {
    throw await recordFailure(context, call.task, resolved, error);
  }
  const settlement: StreamSettlement = (usage, status, httpStatus) =>
    settleCall(context, call.task, resolved.model, candidate, usage, status, httpStatus, true);
  return relayStream(opened, settlement, {
    provider: candidate.adapter.id,
    idleTimeoutMs: context.services.streamIdleTimeoutMs,
  });
}

/** The Hub mapping's parameters for this model and task (labels, target language...): defaults under the request's own. */
export function defaultsFor(context: CallContext, task: TaskType, modelName: string | undefined): Readonly<Record<string, unknown>> {
  return resolve(context, task, modelName).mapping?.parameters ?? {};
}

function resolve(context: CallContext, task: TaskType, modelName: string | undefined): ResolvedModel {
  return context.services.resolver.resolve(modelName ?? context.services.defaultModels[task], task);
}

async function admit(context: CallContext, call: Call): Promise<ResolvedModel> {
  const resolved = resolve(context, call.task, call.modelName);
  const plan = { call, model: resolved.model, candidates: resolved.candidates, defaults: resolved.mapping?.parameters ?? {} };
  const undos: Undo[] = [];
  try {
    for (const hook of context.services.hooks.beforeForwarding) {
      const undo = await hook(context, plan);
      if (undo) undos.push(undo);
    }
  } catch (refusal) {
    for (const undo of undos.reverse()) undo();
    throw refusal;
  }
  return resolved;
}

function targetOf(resolved: ResolvedModel, candidate: Candidate): Target {
  return { provider: candidate.adapter.id, providerModel: candidate.providerModel, defaults: resolved.mapping?.parameters ?? {} };
}

/** One non-streaming attempt through the adapter operation the call names. */
function invoke<C extends Call>(context: CallContext, call: C, resolved: ResolvedModel, candidate: Candidate, deadline: AttemptDeadline): Promise<ResultOf<C>> {
  const options = { signal: deadline.signal, requestId: context.inferenceId };
  const { adapter } = candidate;
  const target = targetOf(resolved, candidate);
  context.served?.(adapter.id);
  switch (call.operation) {
    case 'chat':
      return adapter.chat(capped(context, call.request(target)), options) as Promise<ResultOf<C>>;
    case 'embed':
      return adapter.embed!(call.request(target), options) as Promise<ResultOf<C>>;
    case 'image':
      return adapter.generateImage!(call.request(target), options) as Promise<ResultOf<C>>;
  }
}

/** One streaming attempt: start the upstream stream and wait for its first event, within the first-token deadline. */
async function openStream(
  context: CallContext,
  call: ChatCall,
  resolved: ResolvedModel,
  candidate: Candidate,
  deadline: AttemptDeadline,
): Promise<OpenedStream> {
  const { firstTokenTimeoutMs } = context.services;
  const cancelFirstTokenDeadline = deadline.within(firstTokenTimeoutMs, `no first token within ${seconds(firstTokenTimeoutMs)}`);
  const request = capped(context, call.request(targetOf(resolved, candidate)));
  context.served?.(candidate.adapter.id);
  const events = candidate.adapter.streamChat(request, { signal: deadline.signal, requestId: context.inferenceId })[Symbol.asyncIterator]();
  try {
    const first = await events.next();
    if (!first.done && first.value.type === 'error') throw first.value.error;
    return { first, events, request, deadline };
  } catch (error) {
    await events.return?.();
    throw error;
  } finally {
    cancelFirstTokenDeadline();
  }
}

/** The reservation's output bound, sent upstream when the caller set no max_tokens. */
function capped(context: CallContext, request: ChatRequest): ChatRequest {
  if (context.outputTokenCap !== undefined && request.maxTokens === undefined) request.maxTokens = context.outputTokenCap;
  return request;
}

/** Records the failed call (cost 0) and returns the error the client gets. */
async function recordFailure(context: CallContext, task: TaskType, resolved: ResolvedModel, error: unknown): Promise<GatewayError> {
  const { failure, candidate } = error instanceof AttemptsFailed ? error : { failure: error, candidate: undefined };
  const clientError = toClientError(failure);
  await settleCall(context, task, resolved.model, candidate, emptyUsage(), 'error', clientError.status);
  return clientError;
}

async function settleCall(
  context: CallContext,
  task: TaskType,
  model: CatalogModel,
  candidate: Candidate | undefined,
  usage: Usage,
  status: 'success' | 'error' | 'partial',
  httpStatus: number,
  streamed = false,
): Promise<bigint> {
  const { services, principal } = context;
  const provider = candidate?.adapter.id;
  const costNanoUsd = await settle(services, {
    requestId: context.inferenceId,
    apiKeyId: principal.apiKeyId,
    userId: principal.userId,
    task,
    modelId: model.id,
    provider,
    providerModel: candidate?.providerModel,
    usage,
    status,
    httpStatus,
    latencyMs: Math.round(performance.now() - context.startedAt),
  });
  if (status !== 'error') context.costed?.(costNanoUsd);
  const totalMs = performance.now() - context.startedAt;
  const upstreamMs = candidate ? context.timing?.upstreamMs : undefined;
  for (const hook of services.hooks.afterSettlement) hook(context, { task, model, provider, usage, costNanoUsd, httpStatus, totalMs, upstreamMs, streamed });
  return costNanoUsd;
}
