import { nanoToJson } from '../billing/money.js';
import type { TaskStream } from '../tasks/task-definition.js';
import type { StreamPayload } from './event-stream.js';

/**
 * A task's stream as TGI's events (what HF's clients parse): every event has a `token` object,
 * the last one also the task's final fields (the full text), `details` and the billed usage.
 * A failure is thrown, so the stream ends on the surface's error event (TGI's `{"error",
 * "error_type"}` on /models/*, the Gatewayz shape on /hf/tasks/*).
 */
export async function* tgiEvents(stream: TaskStream): AsyncGenerator<StreamPayload> {
  let index = 0;
  for await (const part of stream.parts) {
    if (part.type === 'tool-call') continue; // HF task streams carry text only
    index += 1;
    if (part.type === 'text') {
      yield { index, token: { id: index, text: part.text, logprob: 0, special: false }, generated_text: null, details: null };
    } else if (part.type === 'done') {
      yield {
        index,
        token: { id: 0, text: '', logprob: 0, special: true },
        ...stream.final(part.text),
        details: { finish_reason: part.finishReason, generated_tokens: part.usage.outputTokens, input_length: part.usage.inputTokens },
        usage: { input_tokens: part.usage.inputTokens, output_tokens: part.usage.outputTokens, cost_nano_usd: nanoToJson(part.costNanoUsd) },
      };
    } else {
      throw part.error;
    }
  }
}
