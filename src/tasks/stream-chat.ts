import type { GatewayError } from '../errors.js';
import { emptyUsage, UpstreamError, type FinishReason, type StreamEvent, type Usage } from '../providers/spec/index.js';
import { failed, requestFor, resolveModel, type ChatCall } from './complete-chat.js';
import { runAttempts, type AttemptDeadline } from './run-attempts.js';
import type { Candidate, ResolvedModel } from '../routing/model-resolver.js';
import { estimateTokens, settleUsage } from './settle-usage.js';
import type { TaskContext } from './task-context.js';
import { toClientError } from './upstream-failure.js';

export type ChatStreamPart =
  | { type: 'text'; text: string }
  | { type: 'tool-call'; index: number; id?: string; name?: string; argumentsDelta: string }
  | { type: 'done'; text: string; finishReason: FinishReason; usage: Usage; costNanoUsd: bigint }
  | { type: 'error'; error: GatewayError; text: string; usage: Usage; costNanoUsd: bigint };

/**
 * Opens a streaming chat. It resolves once the upstream produced its first event, so a failure
 * before any token is still an ordinary HTTP error (and may fall over to the next provider);
 * after that, failures arrive as an `error` part. The usage row commits before the `done` or
 * `error` part is yielded; a consumer that stops early (client gone) still gets its row, billed
 * for what was delivered.
 */
export async function openChatStream(context: TaskContext, call: ChatCall): Promise<AsyncGenerator<ChatStreamPart>> {
  const resolved = resolveModel(context, call.task, call.modelName);
  let opened: Awaited<ReturnType<typeof openOne>>;
  let candidate: Candidate;
  try {
    ({ result: opened, candidate } = await runAttempts(context, resolved.candidates, (each, deadline) => openOne(context, call, resolved, each, deadline), { keepDeadline: true }));
  } catch (error) {
    throw await failed(context, call.task, resolved, error);
  }
  const settle = (usage: Usage, status: 'success' | 'error' | 'partial', httpStatus: number) =>
    settleUsage(context, {
      task: call.task,
      model: resolved.model,
      provider: candidate.adapter.id,
      providerModel: candidate.providerModel,
      usage,
      status,
      httpStatus,
    });
  return relay(opened.first, opened.events, call, settle, opened.deadline.end);
}

/** One attempt: start the upstream stream and wait for its first event, within the first-token deadline. */
async function openOne(context: TaskContext, call: ChatCall, resolved: ResolvedModel, candidate: Candidate, deadline: AttemptDeadline) {
  const cancelFirstTokenDeadline = deadline.within(context.services.firstTokenTimeoutMs, 'First token');
  const events = candidate.adapter
    .streamChat(requestFor(call, resolved, candidate), { signal: deadline.signal, requestId: context.inferenceId })
    [Symbol.asyncIterator]();
  try {
    const first = await events.next();
    if (!first.done && first.value.type === 'error') throw first.value.error;
    return { first, events, deadline };
  } catch (error) {
    await events.return?.();
    throw error;
  } finally {
    cancelFirstTokenDeadline();
  }
}

async function* relay(
  first: IteratorResult<StreamEvent>,
  events: AsyncIterator<StreamEvent>,
  call: ChatCall,
  settle: (usage: Usage, status: 'success' | 'error' | 'partial', httpStatus: number) => Promise<bigint>,
  endAttempt: () => void,
): AsyncGenerator<ChatStreamPart> {
  let text = '';
  let usage: Usage | undefined;
  let finishReason: FinishReason = 'stop';
  let settled = false;
  const delivered = (): Usage => usage ?? estimatedUsage(call, text);
  try {
    for (let step = first; !step.done; step = await nextEvent(events)) {
      const event = step.value;
      if (event.type === 'text-delta') {
        text += event.text;
        yield { type: 'text', text: event.text };
      } else if (event.type === 'tool-call-delta') {
        const { type: _type, ...delta } = event;
        yield { type: 'tool-call', ...delta };
      } else if (event.type === 'usage') usage = event.usage;
      else if (event.type === 'finish') finishReason = event.finishReason;
      else if (event.type === 'error') {
        const error = toClientError(event.error);
        settled = true;
        const costNanoUsd = await settle(delivered(), 'partial', error.status);
        yield { type: 'error', error, text, usage: delivered(), costNanoUsd };
        return;
      }
    }
    settled = true;
    const costNanoUsd = await settle(delivered(), 'success', 200);
    yield { type: 'done', text, finishReason, usage: delivered(), costNanoUsd };
  } finally {
    endAttempt();
    if (!settled) {
      // The consumer stopped early: the client went away mid-stream.
      await events.return?.();
      await settle(delivered(), 'partial', 499);
    }
  }
}

function estimatedUsage(call: ChatCall, text: string): Usage {
  const prompt = call.messages.map((message) => message.content).join('\n');
  return { ...emptyUsage(), inputTokens: estimateTokens(prompt), outputTokens: estimateTokens(text), raw: { estimated: true } };
}

/** Adapters report mid-stream failures as events; a throw from one that did not is treated the same. */
async function nextEvent(events: AsyncIterator<StreamEvent>): Promise<IteratorResult<StreamEvent>> {
  try {
    return await events.next();
  } catch (error) {
    const upstream = error instanceof UpstreamError ? error : new UpstreamError({ provider: 'unknown', kind: 'protocol', message: 'Stream failed', cause: error });
    return { done: false, value: { type: 'error', error: upstream } };
  }
}
