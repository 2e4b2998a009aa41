import type { FinishReason, StreamEvent } from '../spec/index.js';
import { errorInBody, protocolFailure } from '../classify-failure.js';
import { openAIUsageReader, toFinishReason, type UsageReader } from './openai-usage.js';
import { isRecord } from '../json.js';
import type { SseEvent } from '../sse-parser.js';

export interface OpenAIStreamTranslator {
  /** Translates one SSE event into `events`; returns true when the stream is over. */
  accept(event: SseEvent, events: StreamEvent[]): boolean;
  /** Called when the body ended without an error: adds the closing `usage` and `finish`. */
  end(events: StreamEvent[]): void;
}

/**
 * Turns `chat.completion.chunk` events into stream events. `finish_reason` arrives one chunk
 * before the usage-only chunk, so both are held until the end to keep the spec's order
 * (usage, then finish).
 */
export function createOpenAIStreamTranslator(provider: string, usage: UsageReader = openAIUsageReader): OpenAIStreamTranslator {
  let finishReason: FinishReason | undefined;
  let rawUsage: unknown;
  let sawDone = false;

  return {
    accept(event, events) {
      if (event.data === '[DONE]') {
        sawDone = true;
        return true;
      }
      let chunk: unknown;
      try {
        chunk = JSON.parse(event.data);
      } catch (error) {
        events.push({ type: 'error', error: protocolFailure(provider, 'sent a stream event that is not JSON', error) });
        return true;
      }
      if (!isRecord(chunk)) {
        events.push({ type: 'error', error: protocolFailure(provider, 'sent a stream event that is not an object') });
        return true;
      }
      // OpenRouter sends failures after the first byte as a chunk with an `error` object.
      if (event.event === 'error' || (chunk.error !== undefined && chunk.error !== null)) {
        events.push({ type: 'error', error: errorInBody(provider, chunk.error ?? chunk) });
        return true;
      }
      const chunkUsage = usage.find(chunk);
      if (isRecord(chunkUsage)) rawUsage = chunkUsage;
      const choice = Array.isArray(chunk.choices) ? chunk.choices[0] : undefined;
      if (!isRecord(choice)) return false;
      if (isRecord(choice.delta)) translateDelta(choice.delta, events);
      finishReason = toFinishReason(choice.finish_reason) ?? finishReason;
      return false;
    },
    end(events) {
      if (finishReason === undefined && !sawDone) {
        events.push({ type: 'error', error: protocolFailure(provider, 'ended the stream before the answer finished') });
        return;
      }
      if (rawUsage !== undefined) events.push({ type: 'usage', usage: usage.normalize(rawUsage) });
      events.push({ type: 'finish', finishReason: finishReason ?? 'stop' });
    },
  };
}

function translateDelta(delta: Record<string, unknown>, events: StreamEvent[]): void {
  if (typeof delta.content === 'string' && delta.content.length > 0) {
    events.push({ type: 'text-delta', text: delta.content });
  }
  if (!Array.isArray(delta.tool_calls)) return;
  delta.tool_calls.forEach((call: unknown, position: number) => {
    if (!isRecord(call)) return;
    const details = isRecord(call.function) ? call.function : {};
    // Some servers omit `index` when a message has a single call; its position stands in.
    const index = typeof call.index === 'number' ? call.index : position;
    const toolCallDelta: Extract<StreamEvent, { type: 'tool-call-delta' }> = {
      type: 'tool-call-delta',
      index,
      argumentsDelta: typeof details.arguments === 'string' ? details.arguments : '',
    };
    if (typeof call.id === 'string') toolCallDelta.id = call.id;
    if (typeof details.name === 'string') toolCallDelta.name = details.name;
    if (toolCallDelta.argumentsDelta === '' && toolCallDelta.id === undefined && toolCallDelta.name === undefined) return;
    events.push(toolCallDelta);
  });
}
