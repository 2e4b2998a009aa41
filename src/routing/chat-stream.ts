import type { GatewayError } from '../errors.js';
import { emptyUsage, UpstreamError, type ChatRequest, type FinishReason, type StreamEvent, type Usage } from '../providers/spec/index.js';
import type { AttemptDeadline } from './attempt-deadline.js';
import { normalizeAbort, seconds } from './attempts.js';
import { toClientError } from './upstream-failure.js';

/** What a streaming call yields: text and tool-call pieces, then exactly one `done` or `error`. */
export type ChatStreamPart =
  | { type: 'text'; text: string }
  | { type: 'tool-call'; index: number; id?: string; name?: string; argumentsDelta: string }
  | { type: 'done'; text: string; finishReason: FinishReason; usage: Usage; costNanoUsd: bigint }
  | { type: 'error'; error: GatewayError; text: string; usage: Usage; costNanoUsd: bigint };

export type ChatStream = AsyncGenerator<ChatStreamPart>;

/** Prices and records the stream's usage; resolves once the row has committed. */
export type StreamSettlement = (usage: Usage, status: 'success' | 'partial', httpStatus: number) => Promise<bigint>;

/** An upstream stream that produced its first event, under its attempt's deadline. */
export interface OpenedStream {
  first: IteratorResult<StreamEvent>;
  events: AsyncIterator<StreamEvent>;
  request: ChatRequest;
  deadline: AttemptDeadline;
}

/**
 * Relays an opened upstream stream as parts. The usage row commits before the `done` or `error`
 * part is yielded; a consumer that stops early (client gone) still gets its row, billed for
 * what was delivered, and the upstream stream is closed. A stream still delivering is never
 * cut: it fails when idle for `idleTimeoutMs` between events (or at the attempt's total cap).
 */
export async function* relayStream(opened: OpenedStream, settle: StreamSettlement, options: { provider: string; idleTimeoutMs: number }): ChatStream {
  const { first, events, request, deadline } = opened;
  const idle = deadline.idle(options.idleTimeoutMs, `no event for ${seconds(options.idleTimeoutMs)}`);
  let text = '';
  let usage: Usage | undefined;
  let finishReason: FinishReason = 'stop';
  let settled = false;
  const delivered = (): Usage => usage ?? estimatedUsage(request, text);
  try {
    for (let step = first; !step.done; step = await nextEvent(events)) {
      idle.touch();
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
        const error = toClientError(normalizeAbort(event.error, options.provider, deadline), { midStream: true });
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
    idle.cancel();
    deadline.end();
    if (!settled) {
      // The consumer stopped early: the client went away mid-stream (499, nginx's "client closed request").
      await events.return?.();
      await settle(delivered(), 'partial', 499);
    }
  }
}

/** When an upstream never reported usage (a stream cut short), bill what was delivered: ~4 characters a token. */
function estimatedUsage(request: ChatRequest, text: string): Usage {
  const prompt = request.messages.map((message) => message.content).join('\n');
  return { ...emptyUsage(), inputTokens: estimateTokens(prompt), outputTokens: estimateTokens(text), raw: { estimated: true } };
}

function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Adapters report mid-stream failures as events; a throw from one that did not is treated the same. */
async function nextEvent(events: AsyncIterator<StreamEvent>): Promise<IteratorResult<StreamEvent>> {
  try {
    return await events.next();
  } catch (error) {
    const upstream =
      error instanceof UpstreamError ? error : new UpstreamError({ provider: 'unknown', kind: 'protocol', message: 'Stream failed', cause: error });
    return { done: false, value: { type: 'error', error: upstream } };
  }
}
