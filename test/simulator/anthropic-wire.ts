import type { ResponseIdentity } from '../../src/simulator/openai-wire.js';
import { split } from '../../src/simulator/openai-wire.js';
import type { SimulatedAnswer } from '../../src/simulator/simulated-answer.js';

/** How the prompt's tokens split between fresh input, cache writes and cache reads. */
export interface PromptTokens {
  input: number;
  cacheWrite: number;
  cacheRead: number;
}

const STOP_REASONS = { stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use' } as const;

function usageObject(prompt: PromptTokens, outputTokens: number): Record<string, unknown> {
  return {
    input_tokens: prompt.input,
    cache_creation_input_tokens: prompt.cacheWrite,
    cache_read_input_tokens: prompt.cacheRead,
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}

/** The simulator's tool-call ids, in Anthropic's `toolu_` form. */
function toolUseId(id: string): string {
  return `toolu_${id.replace(/^call_/, '')}`;
}

function toolInput(argumentsText: string): unknown {
  try {
    return JSON.parse(argumentsText);
  } catch {
    // Arguments cut by max_tokens are not JSON; Anthropic sends what it could parse, here nothing.
    return {};
  }
}

export function anthropicMessageBody(identity: ResponseIdentity, answer: SimulatedAnswer, prompt: PromptTokens): string {
  const call = answer.toolCall;
  const content =
    call === undefined
      ? [{ type: 'text', text: answer.content }]
      : [{ type: 'tool_use', id: toolUseId(call.id), name: call.name, input: toolInput(call.arguments) }];
  return JSON.stringify({
    id: identity.id,
    type: 'message',
    role: 'assistant',
    model: identity.model,
    content,
    stop_reason: STOP_REASONS[answer.finishReason],
    stop_sequence: null,
    usage: usageObject(prompt, answer.completionTokens),
  });
}

function event(name: string, data: Record<string, unknown>): string {
  return `event: ${name}\ndata: ${JSON.stringify({ type: name, ...data })}\n\n`;
}

/**
 * The SSE events of a streamed message, in the order Anthropic documents: `message_start`
 * (prompt usage), one content block (`content_block_start`, a `ping`, deltas,
 * `content_block_stop`), `message_delta` (stop reason, cumulative output tokens), `message_stop`.
 */
export function anthropicMessageEvents(identity: ResponseIdentity, answer: SimulatedAnswer, prompt: PromptTokens, pieces: number): string[] {
  const message = { id: identity.id, type: 'message', role: 'assistant', model: identity.model, content: [], stop_reason: null, stop_sequence: null };
  const events = [event('message_start', { message: { ...message, usage: usageObject(prompt, 1) } })];
  const call = answer.toolCall;
  const block = call === undefined ? { type: 'text', text: '' } : { type: 'tool_use', id: toolUseId(call.id), name: call.name, input: {} };
  events.push(event('content_block_start', { index: 0, content_block: block }));
  events.push(event('ping', {}));
  for (const piece of split(call === undefined ? answer.content : call.arguments, pieces)) {
    const delta = call === undefined ? { type: 'text_delta', text: piece } : { type: 'input_json_delta', partial_json: piece };
    events.push(event('content_block_delta', { index: 0, delta }));
  }
  events.push(event('content_block_stop', { index: 0 }));
  const stop = { stop_reason: STOP_REASONS[answer.finishReason], stop_sequence: null };
  events.push(event('message_delta', { delta: stop, usage: { output_tokens: answer.completionTokens } }));
  events.push(event('message_stop', {}));
  return events;
}

// Cut mid-document on purpose, with an event name so SDKs try (and fail) to parse it.
export const MALFORMED_ANTHROPIC_EVENT = 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_del\n\n';

/** Anthropic's error body. */
export function anthropicErrorBody(type: string, message: string, requestId: string): string {
  return JSON.stringify({ type: 'error', error: { type, message }, request_id: requestId });
}

/** The error type and message Anthropic sends with a status, so SDKs raise the class they would. */
export function anthropicErrorForStatus(status: number): { type: string; message: string } {
  switch (status) {
    case 400:
      return { type: 'invalid_request_error', message: 'Simulated invalid request.' };
    case 401:
      return { type: 'authentication_error', message: 'invalid x-api-key' };
    case 403:
      return { type: 'permission_error', message: 'Your API key does not have permission to use the specified resource.' };
    case 404:
      return { type: 'not_found_error', message: 'The requested resource could not be found.' };
    case 413:
      return { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' };
    case 429:
      return { type: 'rate_limit_error', message: 'This request would exceed the rate limit for your organization.' };
    case 529:
      return { type: 'overloaded_error', message: 'Overloaded' };
    default:
      return status >= 500
        ? { type: 'api_error', message: 'Internal server error' }
        : { type: 'invalid_request_error', message: `Simulated error (HTTP ${status}).` };
  }
}
