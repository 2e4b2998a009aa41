import {
  emptyUsage,
  UpstreamError,
  type ChatRequest,
  type ChatResult,
  type ProviderAdapter,
  type StreamEvent,
  type Usage,
} from '../../src/providers/spec/index.js';

/**
 * What one upstream call does, in order of calls: answer, fail the way a provider fails, hang
 * until aborted, or stream a script of events where 'hang' waits for the abort.
 */
export type Behaviour =
  | { answer: string; usage?: Partial<Usage> }
  | { fail: 'connect' | 'protocol' | number; retryAfterMs?: number }
  | { hang: true }
  | { stream: (StreamEvent | 'hang')[] };

export interface ScriptedAdapter extends ProviderAdapter {
  /** Every request the adapter received, in order. */
  readonly requests: ChatRequest[];
}

/**
 * A fault-injecting upstream for the pipeline's own tests: a real ProviderAdapter that follows a
 * script instead of calling a provider, honouring the abort signal like a real adapter does.
 * After the script runs out it keeps repeating the last behaviour.
 */
export function scriptedAdapter(id: string, script: Behaviour[]): ScriptedAdapter {
  const requests: ChatRequest[] = [];
  let next = 0;
  const take = (): Behaviour => script[Math.min(next++, script.length - 1)]!;
  const usageOf = (partial: Partial<Usage> = {}): Usage => ({ ...emptyUsage(), inputTokens: 10, outputTokens: 5, ...partial });
  const failure = (behaviour: Extract<Behaviour, { fail: unknown }>) =>
    typeof behaviour.fail === 'number'
      ? new UpstreamError({
          provider: id,
          kind: 'http',
          status: behaviour.fail,
          message: `${id} answered ${behaviour.fail}`,
          ...(behaviour.retryAfterMs === undefined ? {} : { retryAfterMs: behaviour.retryAfterMs }),
        })
      : new UpstreamError({ provider: id, kind: behaviour.fail, message: `${id} ${behaviour.fail} failure` });
  const aborted = (signal: AbortSignal) => new UpstreamError({ provider: id, kind: 'aborted', message: `${id} call was aborted`, cause: signal.reason });
  const untilAborted = (signal: AbortSignal) =>
    new Promise<never>((_, reject) => {
      if (signal.aborted) reject(aborted(signal));
      signal.addEventListener('abort', () => reject(aborted(signal)), { once: true });
    });

  return {
    id,
    requests,
    async chat(request, { signal }): Promise<ChatResult> {
      requests.push(request);
      const behaviour = take();
      if ('fail' in behaviour) throw failure(behaviour);
      if ('hang' in behaviour) return untilAborted(signal);
      if ('stream' in behaviour) throw new Error('scripted a stream for a chat call');
      return { text: behaviour.answer, toolCalls: [], finishReason: 'stop', usage: usageOf(behaviour.usage) };
    },
    async *streamChat(request, { signal }): AsyncGenerator<StreamEvent> {
      requests.push(request);
      const behaviour = take();
      if ('fail' in behaviour) throw failure(behaviour);
      if ('hang' in behaviour) await untilAborted(signal);
      if (!('stream' in behaviour)) throw new Error('scripted an answer for a stream call');
      for (const event of behaviour.stream) {
        if (event === 'hang') {
          try {
            await untilAborted(signal);
          } catch (error) {
            yield { type: 'error', error: error as UpstreamError };
            return;
          }
        } else yield event;
      }
    },
  };
}

export const text = (value: string): StreamEvent => ({ type: 'text-delta', text: value });
export const finish: StreamEvent = { type: 'finish', finishReason: 'stop' };
export const usage = (input: number, output: number): StreamEvent => ({ type: 'usage', usage: { ...emptyUsage(), inputTokens: input, outputTokens: output } });
