import type { ChatCompletionChunk } from '../../contract/openai/chat-completions.js';
import type { ChatStreamPart } from '../../routing/chat-stream.js';
import { JsonText, type StreamPayload } from '../event-stream.js';
import { openAIFinishReason, openAIUsage, type ResponseIdentity } from './openai-wire.js';

type Delta = ChatCompletionChunk['choices'][number]['delta'];
type ChunkFinishReason = ChatCompletionChunk['choices'][number]['finish_reason'];

/**
 * OpenAI's chunk sequence: content and tool-call deltas, a chunk with the finish reason, and
 * (only with `include_usage`, when every other chunk says `usage: null`) a last chunk with no
 * choices and the usage. The role rides on the first delta, so the first event already carries
 * the first text (OpenAI sends it alone first, with `content: ""`; its SDKs and HF's clients merge
 * deltas either way), and an answer with no content still opens with it. A mid-stream failure is
 * thrown, so the stream ends on the gateway's error event with no `[DONE]`.
 */
export async function* chatCompletionChunks(
  parts: AsyncIterable<ChatStreamPart>,
  identity: ResponseIdentity,
  includeUsage: boolean,
): AsyncGenerator<StreamPayload> {
  const chunk = chunkWriter(identity, includeUsage);
  let opened = false;
  const opening = (delta: Delta): Delta => {
    if (opened) return delta;
    opened = true;
    return { role: 'assistant', content: null, refusal: null, ...delta };
  };
  for await (const part of parts) {
    if (part.type === 'text') {
      if (part.text !== '') yield chunk(opening({ content: part.text }));
    } else if (part.type === 'tool-call') {
      const call = part.id === undefined ? {} : { id: part.id, type: 'function' as const };
      const name = part.name === undefined ? {} : { name: part.name };
      yield chunk(opening({ tool_calls: [{ index: part.index, ...call, function: { ...name, arguments: part.argumentsDelta } }] }));
    } else if (part.type === 'done') {
      if (!opened) yield chunk(opening({ content: '' }));
      yield chunk({}, openAIFinishReason(part.finishReason));
      if (includeUsage) {
        yield {
          ...identity,
          object: 'chat.completion.chunk',
          system_fingerprint: null,
          choices: [],
          usage: openAIUsage(part.usage),
        } satisfies ChatCompletionChunk;
      }
    } else {
      throw part.error;
    }
  }
}

/**
 * One chunk's JSON text, byte for byte `JSON.stringify` of the `chat.completion.chunk` object, with
 * the fields every chunk of the stream repeats (id, created, model...) serialised once per stream:
 * per event only the delta is built and serialised.
 */
export function chunkWriter(identity: ResponseIdentity, includeUsage: boolean): (delta: Delta, finishReason?: ChunkFinishReason) => JsonText {
  const head = `${JSON.stringify({ ...identity, object: 'chat.completion.chunk', system_fingerprint: null }).slice(0, -1)},"choices":[{"index":0,"delta":`;
  const tail = (finishReason: ChunkFinishReason) => `,"logprobs":null,"finish_reason":${JSON.stringify(finishReason)}}]${includeUsage ? ',"usage":null' : ''}}`;
  const open = tail(null);
  return (delta, finishReason = null) => new JsonText(head + JSON.stringify(delta) + (finishReason === null ? open : tail(finishReason)));
}
