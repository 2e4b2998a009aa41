import { protocolFailure } from '../classify-failure.js';
import { isRecord } from '../json.js';
import type { SseEvent } from '../sse-parser.js';
import { readTranslatedStream } from '../read-translated-stream.js';
import type { FinishReason, StreamEvent } from '../spec/index.js';
import { anthropicErrorInBody, normalizeAnthropicUsage, toFinishReason } from './anthropic-usage.js';

/**
 * Reads a streaming Messages API body into stream events, ending with exactly one `finish`
 * (at `message_stop`) or one `error`.
 */
export function readAnthropicStream(body: AsyncIterable<Uint8Array>, provider: string, signal: AbortSignal): AsyncGenerator<StreamEvent> {
  return readTranslatedStream(body, provider, signal, createAnthropicStreamTranslator(provider), 'message_stop');
}

/**
 * Returns a function translating one SSE event into `events`, true when the stream is over.
 *
 * Usage is pushed twice: at `message_start` (the prompt's counts, so a stream cut short can
 * still be billed for its input) and at `message_delta`, whose counts are cumulative and may
 * leave out fields `message_start` gave; the spec lets the last one win.
 */
export function createAnthropicStreamTranslator(provider: string): (event: SseEvent, events: StreamEvent[]) => boolean {
  let usage: Record<string, unknown> = {};
  let finishReason: FinishReason | undefined;
  // Content block index -> position among tool calls: text and thinking blocks share the numbering.
  const toolCallIndexes = new Map<number, number>();

  return (sseEvent, events) => {
    if (sseEvent.event === 'ping') return false;
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
    // Overloads after the first byte arrive as `event: error` inside the 200 stream.
    if (sseEvent.event === 'error' || data.type === 'error') {
      events.push({ type: 'error', error: anthropicErrorInBody(provider, data) });
      return true;
    }
    switch (data.type) {
      case 'message_start':
        if (isRecord(data.message) && isRecord(data.message.usage)) {
          usage = { ...data.message.usage };
          events.push({ type: 'usage', usage: normalizeAnthropicUsage(usage) });
        }
        return false;
      case 'content_block_start':
        if (isRecord(data.content_block)) startBlock(Number(data.index), data.content_block, events);
        return false;
      case 'content_block_delta':
        if (isRecord(data.delta)) translateDelta(Number(data.index), data.delta, events);
        return false;
      case 'message_delta':
        if (isRecord(data.delta)) finishReason = toFinishReason(data.delta.stop_reason) ?? finishReason;
        if (isRecord(data.usage)) {
          for (const [field, value] of Object.entries(data.usage)) if (value !== null) usage[field] = value;
          events.push({ type: 'usage', usage: normalizeAnthropicUsage({ ...usage }) });
        }
        return false;
      case 'message_stop':
        events.push({ type: 'finish', finishReason: finishReason ?? 'stop' });
        return true;
      default:
        // content_block_stop, and event types Anthropic adds later (its docs ask clients to skip them).
        return false;
    }
  };

  function startBlock(blockIndex: number, block: Record<string, unknown>, events: StreamEvent[]): void {
    if (block.type === 'text' && typeof block.text === 'string' && block.text !== '') events.push({ type: 'text-delta', text: block.text });
    if (block.type !== 'tool_use') return;
    const index = toolCallIndexes.size;
    toolCallIndexes.set(blockIndex, index);
    const start: Extract<StreamEvent, { type: 'tool-call-delta' }> = { type: 'tool-call-delta', index, argumentsDelta: '' };
    if (typeof block.id === 'string') start.id = block.id;
    if (typeof block.name === 'string') start.name = block.name;
    events.push(start);
  }

  function translateDelta(blockIndex: number, delta: Record<string, unknown>, events: StreamEvent[]): void {
    if (delta.type === 'text_delta' && typeof delta.text === 'string' && delta.text !== '') {
      events.push({ type: 'text-delta', text: delta.text });
      return;
    }
    const index = toolCallIndexes.get(blockIndex);
    if (delta.type === 'input_json_delta' && index !== undefined && typeof delta.partial_json === 'string' && delta.partial_json !== '') {
      events.push({ type: 'tool-call-delta', index, argumentsDelta: delta.partial_json });
    }
    // thinking_delta and signature_delta are the model's scratchpad, not the answer.
  }
}
