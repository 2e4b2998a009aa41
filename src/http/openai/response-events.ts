import type { ResponseOutputItem } from '../../contract/openai/responses.js';
import type { ChatStreamPart } from '../../routing/chat-stream.js';
import type { StreamPayload } from '../event-stream.js';
import { finishedResponse, functionCallItemId, messageItemId, type ResponseFrame } from './response-object.js';

type FunctionCallItem = Extract<ResponseOutputItem, { type: 'function_call' }>;

/**
 * A chat stream as the Responses API's typed events: the response created and in progress, then
 * per output item `output_item.added`, its deltas (text in one `output_text` part, or function
 * arguments) and its `.done` events, then `response.completed` (or `.incomplete`) with the usage
 * and cost. event-stream.ts adds `sequence_number` and the `event:` lines; a failure is thrown.
 */
export async function* responseEvents(parts: AsyncIterable<ChatStreamPart>, frame: ResponseFrame): AsyncGenerator<StreamPayload> {
  const inProgress = { ...frame, status: 'in_progress', incomplete_details: null, output: [], usage: null };
  yield { type: 'response.created', response: inProgress };
  yield { type: 'response.in_progress', response: inProgress };
  const output: ResponseOutputItem[] = [];
  let message: { index: number; text: string } | undefined;
  const calls = new Map<number, { index: number; item: FunctionCallItem }>();
  let openCall: { index: number; item: FunctionCallItem } | undefined;

  const closeMessage = function* () {
    if (!message) return;
    const itemId = messageItemId(frame.id);
    const part = { type: 'output_text' as const, text: message.text, annotations: [], logprobs: [] };
    yield { type: 'response.output_text.done', item_id: itemId, output_index: message.index, content_index: 0, text: message.text, logprobs: [] };
    yield { type: 'response.content_part.done', item_id: itemId, output_index: message.index, content_index: 0, part };
    const item: ResponseOutputItem = { type: 'message', id: itemId, status: 'completed', role: 'assistant', content: [part] };
    output[message.index] = item;
    yield { type: 'response.output_item.done', output_index: message.index, item };
    message = undefined;
  };
  const closeCall = function* () {
    if (!openCall) return;
    const item = { ...openCall.item, status: 'completed' as const };
    yield { type: 'response.function_call_arguments.done', item_id: item.id, output_index: openCall.index, name: item.name, arguments: item.arguments };
    output[openCall.index] = item;
    yield { type: 'response.output_item.done', output_index: openCall.index, item };
    openCall = undefined;
  };

  for await (const part of parts) {
    if (part.type === 'text') {
      if (part.text === '') continue;
      if (!message) {
        yield* closeCall();
        message = { index: output.length, text: '' };
        const itemId = messageItemId(frame.id);
        output.push({ type: 'message', id: itemId, status: 'in_progress', role: 'assistant', content: [] });
        yield { type: 'response.output_item.added', output_index: message.index, item: output[message.index] };
        const empty = { type: 'output_text', text: '', annotations: [], logprobs: [] };
        yield { type: 'response.content_part.added', item_id: itemId, output_index: message.index, content_index: 0, part: empty };
      }
      message.text += part.text;
      yield {
        type: 'response.output_text.delta',
        item_id: messageItemId(frame.id),
        output_index: message.index,
        content_index: 0,
        delta: part.text,
        logprobs: [],
      };
    } else if (part.type === 'tool-call') {
      let call = calls.get(part.index);
      if (!call) {
        yield* closeMessage();
        yield* closeCall();
        const item: FunctionCallItem = {
          type: 'function_call',
          id: functionCallItemId(frame.id, calls.size),
          call_id: part.id ?? `call_${calls.size}`,
          name: part.name ?? '',
          arguments: '',
          status: 'in_progress',
        };
        call = { index: output.length, item };
        calls.set(part.index, call);
        output.push(item);
        openCall = call;
        yield { type: 'response.output_item.added', output_index: call.index, item: { ...item } };
      }
      call.item.arguments += part.argumentsDelta;
      if (part.argumentsDelta !== '') {
        yield { type: 'response.function_call_arguments.delta', item_id: call.item.id, output_index: call.index, delta: part.argumentsDelta };
      }
    } else if (part.type === 'done') {
      yield* closeMessage();
      yield* closeCall();
      const response = finishedResponse(frame, output, part.finishReason, part.usage, part.costNanoUsd);
      yield { type: response.status === 'incomplete' ? 'response.incomplete' : 'response.completed', response };
    } else {
      throw part.error;
    }
  }
}
