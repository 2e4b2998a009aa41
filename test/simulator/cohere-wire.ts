import type { ResponseIdentity } from '../../src/simulator/openai-wire.js';
import { split } from '../../src/simulator/openai-wire.js';
import type { SimulatedAnswer } from '../../src/simulator/simulated-answer.js';

const FINISH_REASONS = { stop: 'COMPLETE', length: 'MAX_TOKENS', tool_calls: 'TOOL_CALL' } as const;
// Cohere's chat template adds tokens it does not bill: `tokens` counts them, `billed_units` does not.
const TEMPLATE_TOKENS = 5;

export function cohereUsage(answer: SimulatedAnswer): Record<string, unknown> {
  return {
    billed_units: { input_tokens: answer.promptTokens, output_tokens: answer.completionTokens },
    tokens: { input_tokens: answer.promptTokens + TEMPLATE_TOKENS, output_tokens: answer.completionTokens },
  };
}

function toolCallObject(call: NonNullable<SimulatedAnswer['toolCall']>): Record<string, unknown> {
  return { id: `${call.name}_${call.id.replace(/^call_/, '')}`, type: 'function', function: { name: call.name, arguments: call.arguments } };
}

export function cohereChatBody(identity: ResponseIdentity, answer: SimulatedAnswer): string {
  const call = answer.toolCall;
  const message: Record<string, unknown> = { role: 'assistant' };
  if (call === undefined) message.content = [{ type: 'text', text: answer.content }];
  else {
    message.tool_plan = `I will call ${call.name}.`;
    message.tool_calls = [toolCallObject(call)];
  }
  return JSON.stringify({ id: identity.id, finish_reason: FINISH_REASONS[answer.finishReason], message, usage: cohereUsage(answer) });
}

function event(type: string, data: Record<string, unknown>): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
}

/**
 * The SSE events of a streamed v2 chat, in the order Cohere documents: `message-start`, then
 * either one text content item (`content-start`, `content-delta`s, `content-end`) or a tool plan
 * and one tool call (`tool-plan-delta`, `tool-call-start`, `tool-call-delta`s, `tool-call-end`),
 * then `message-end` with the finish reason and usage.
 */
export function cohereChatEvents(identity: ResponseIdentity, answer: SimulatedAnswer, pieces: number): string[] {
  const events = [
    event('message-start', { id: identity.id, delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } } }),
  ];
  const call = answer.toolCall;
  if (call === undefined) {
    events.push(event('content-start', { index: 0, delta: { message: { content: { type: 'text', text: '' } } } }));
    for (const text of split(answer.content, pieces)) events.push(event('content-delta', { index: 0, delta: { message: { content: { text } } } }));
    events.push(event('content-end', { index: 0 }));
  } else {
    events.push(event('tool-plan-delta', { delta: { message: { tool_plan: `I will call ${call.name}.` } } }));
    const start = toolCallObject(call);
    events.push(event('tool-call-start', { index: 0, delta: { message: { tool_calls: { ...start, function: { name: call.name, arguments: '' } } } } }));
    for (const piece of split(call.arguments, pieces)) {
      events.push(event('tool-call-delta', { index: 0, delta: { message: { tool_calls: { function: { arguments: piece } } } } }));
    }
    events.push(event('tool-call-end', { index: 0 }));
  }
  events.push(event('message-end', { delta: { finish_reason: FINISH_REASONS[answer.finishReason], usage: cohereUsage(answer) } }));
  return events;
}

// Cut mid-document on purpose, with an event name so SDKs try (and fail) to parse it.
export const MALFORMED_COHERE_EVENT = 'event: content-delta\ndata: {"type":"content-delta","index":0,"delta":{"message":{"conte\n\n';

/** Cohere's error body: an id and a message, the status saying the rest. */
export function cohereErrorBody(id: string, message: string): string {
  return JSON.stringify({ id, message });
}

export function cohereErrorForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'invalid request: simulated invalid request.';
    case 401:
      return 'invalid api token';
    case 404:
      return "model 'simulated' not found, make sure the correct model ID was used and that you have access to the model.";
    case 429:
      return 'You are using a Trial key, which is limited to 20 API calls / minute.';
    case 500:
      return 'internal server error, this has been reported to our developers.';
    case 503:
      return 'Service Unavailable. Please try again later.';
    default:
      return `Simulated error (HTTP ${status}).`;
  }
}
