import { errorInBody, protocolFailure } from '../classify-failure.js';
import { isRecord } from '../json.js';
import type { SseEvent } from '../sse-parser.js';
import { readTranslatedStream } from '../read-translated-stream.js';
import type { StreamEvent } from '../spec/index.js';
import { normalizeCohereUsage, toFinishReason } from './cohere-usage.js';

/**
 * Reads a v2 chat stream into stream events, ending with exactly one `finish` (at `message-end`,
 * which carries the finish reason and the usage) or one `error`.
 */
export function readCohereStream(body: AsyncIterable<Uint8Array>, provider: string, signal: AbortSignal): AsyncGenerator<StreamEvent> {
  return readTranslatedStream(body, provider, signal, createCohereStreamTranslator(provider), 'message-end');
}

/** Returns a function translating one SSE event into `events`, true when the stream is over. */
export function createCohereStreamTranslator(provider: string): (event: SseEvent, events: StreamEvent[]) => boolean {
  // Cohere numbers tool calls itself, but the gateway's index must start at 0 and have no gaps.
  const toolCallIndexes = new Map<number, number>();

  return (sseEvent, events) => {
    if (sseEvent.data === '[DONE]') return false;
    let data: unknown;
    try {
      data = JSON.parse(sseEvent.data);
    } catch (error) {
      events.push({ type: 'error', error: protocolFailure(provider, 'sent a stream event that is not JSON', error) });
      return true;
    }
    if (!isRecord(data)) {
      events.push({ type: 'error', error: protocolFailure(provider, 'sent a stream event that is not an object') });
      return true;
    }
    const message = isRecord(data.delta) && isRecord(data.delta.message) ? data.delta.message : {};
    switch (data.type) {
      case 'content-start':
      case 'content-delta': {
        const content = isRecord(message.content) ? message.content : {};
        if (typeof content.text === 'string' && content.text !== '') events.push({ type: 'text-delta', text: content.text });
        return false;
      }
      case 'tool-call-start':
      case 'tool-call-delta': {
        const call = isRecord(message.tool_calls) ? message.tool_calls : {};
        const fn = isRecord(call.function) ? call.function : {};
        const cohereIndex = Number(data.index ?? 0);
        let index = toolCallIndexes.get(cohereIndex);
        if (index === undefined) {
          index = toolCallIndexes.size;
          toolCallIndexes.set(cohereIndex, index);
        }
        const delta: Extract<StreamEvent, { type: 'tool-call-delta' }> = {
          type: 'tool-call-delta',
          index,
          argumentsDelta: typeof fn.arguments === 'string' ? fn.arguments : '',
        };
        if (typeof call.id === 'string') delta.id = call.id;
        if (typeof fn.name === 'string') delta.name = fn.name;
        if (data.type === 'tool-call-start' || delta.argumentsDelta !== '') events.push(delta);
        return false;
      }
      case 'message-end': {
        const end = isRecord(data.delta) ? data.delta : {};
        if (isRecord(end.error) || typeof end.error === 'string') {
          events.push({ type: 'error', error: errorInBody(provider, isRecord(end.error) ? end.error : { message: end.error }) });
          return true;
        }
        if (end.usage !== undefined) events.push({ type: 'usage', usage: normalizeCohereUsage(end.usage) });
        events.push({ type: 'finish', finishReason: toFinishReason(end.finish_reason) ?? (toolCallIndexes.size > 0 ? 'tool_calls' : 'stop') });
        return true;
      }
      default:
        // message-start, content-end, tool-plan-delta, tool-call-end, citation-*, debug.
        return false;
    }
  };
}
