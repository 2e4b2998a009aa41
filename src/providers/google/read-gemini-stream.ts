import { classifyFailure, protocolFailure } from '../classify-failure.js';
import { isRecord } from '../json.js';
import { createSseParser, type SseEvent } from '../sse-parser.js';
import { UpstreamError, type StreamEvent } from '../spec/index.js';
import { normalizeGeminiUsage } from './gemini-usage.js';
import { geminiFinishReason, readGeminiChunk } from './parse-gemini-response.js';

/**
 * Reads a `streamGenerateContent?alt=sse` body. Every event is a whole `GenerateContentResponse`
 * and there is no end marker: the stream is over when the body ends, and it ended well only if
 * a chunk carried a `finishReason`. Usage is cumulative in each chunk that has it; the last wins.
 */
export async function* readGeminiStream(body: AsyncIterable<Uint8Array>, provider: string, signal: AbortSignal): AsyncGenerator<StreamEvent> {
  const parser = createSseParser();
  const translate = createGeminiStreamTranslator(provider);
  const events: StreamEvent[] = [];
  try {
    for await (const chunk of body) {
      // Each event leaves as soon as it is translated, not after the rest of its chunk.
      for (const event of parser.feed(chunk)) {
        const failed = translate.push(event, events);
        for (const translated of events) yield translated;
        events.length = 0;
        if (failed) return;
      }
    }
    if (!parser.end().some((event) => translate.push(event, events))) events.push(translate.end());
    for (const translated of events) yield translated;
  } catch (error) {
    yield { type: 'error', error: classifyFailure(error, provider, signal) };
  }
}

export function createGeminiStreamTranslator(provider: string): {
  /** Translates one event into `events`; true when it was an error, after which nothing more may be read. */
  push(event: SseEvent, events: StreamEvent[]): boolean;
  end(): StreamEvent;
} {
  let toolCalls = 0;
  let finishReason: unknown;

  return {
    push(sseEvent, events) {
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
      let chunk;
      try {
        chunk = readGeminiChunk(data, provider, toolCalls);
      } catch (error) {
        // An `{"error":...}` event: Gemini reports failures after the first byte this way.
        events.push({ type: 'error', error: error instanceof UpstreamError ? error : protocolFailure(provider, 'sent an unreadable chunk', error) });
        return true;
      }
      if (chunk.text !== '') events.push({ type: 'text-delta', text: chunk.text });
      for (const call of chunk.toolCalls) {
        events.push({ type: 'tool-call-delta', index: toolCalls++, id: call.id, name: call.name, argumentsDelta: call.arguments });
      }
      if (chunk.usageMetadata !== undefined) events.push({ type: 'usage', usage: normalizeGeminiUsage(chunk.usageMetadata) });
      if (chunk.finishReason !== undefined && chunk.finishReason !== null) finishReason = chunk.finishReason;
      return false;
    },
    end() {
      const reason = geminiFinishReason(finishReason, toolCalls > 0);
      if (reason === undefined) return { type: 'error', error: protocolFailure(provider, 'ended the stream before a finishReason') };
      return { type: 'finish', finishReason: reason };
    },
  };
}
