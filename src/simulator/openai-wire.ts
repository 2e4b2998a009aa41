import type { SimulatedAnswer } from './simulated-answer.js';

/** Identity shared by every chunk of one response. */
export interface ResponseIdentity {
  id: string;
  created: number;
  model: string;
}

export function usageObject(answer: SimulatedAnswer): Record<string, unknown> {
  return {
    prompt_tokens: answer.promptTokens,
    completion_tokens: answer.completionTokens,
    total_tokens: answer.promptTokens + answer.completionTokens,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
  };
}

export function chatCompletionBody(identity: ResponseIdentity, answer: SimulatedAnswer): string {
  const message: Record<string, unknown> = { role: 'assistant', content: answer.content, refusal: null };
  if (answer.toolCall !== undefined) {
    message.content = null;
    message.tool_calls = [{ id: answer.toolCall.id, type: 'function', function: { name: answer.toolCall.name, arguments: answer.toolCall.arguments } }];
  }
  return JSON.stringify({
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: identity.model,
    system_fingerprint: null,
    choices: [{ index: 0, message, logprobs: null, finish_reason: answer.finishReason }],
    usage: usageObject(answer),
  });
}

/**
 * The SSE events of a streamed chat completion, `[DONE]` included. Each event is built by
 * concatenating a per-response prefix with one serialized delta: the stream is the simulator's
 * hot path and the prefix is the same for every chunk.
 */
export function chatCompletionEvents(identity: ResponseIdentity, answer: SimulatedAnswer, pieces: number, includeUsage: boolean): string[] {
  const prefix = `data: {"id":${JSON.stringify(identity.id)},"object":"chat.completion.chunk","created":${identity.created},"model":${JSON.stringify(identity.model)},"system_fingerprint":null,"choices":[`;
  // With include_usage, OpenAI puts `"usage":null` on every chunk but the last.
  const suffix = includeUsage ? '],"usage":null}\n\n' : ']}\n\n';
  const choice = (delta: string, finishReason: string | null) =>
    `${prefix}{"index":0,"delta":${delta},"logprobs":null,"finish_reason":${finishReason === null ? 'null' : `"${finishReason}"`}}${suffix}`;
  const events: string[] = [];
  const call = answer.toolCall;
  if (call === undefined) {
    events.push(choice('{"role":"assistant","content":"","refusal":null}', null));
    for (const piece of split(answer.content, pieces)) events.push(choice(`{"content":${JSON.stringify(piece)}}`, null));
  } else {
    const opening = { index: 0, id: call.id, type: 'function', function: { name: call.name, arguments: '' } };
    events.push(choice(`{"role":"assistant","content":null,"tool_calls":[${JSON.stringify(opening)}],"refusal":null}`, null));
    for (const piece of split(call.arguments, pieces)) {
      events.push(choice(`{"tool_calls":[{"index":0,"function":{"arguments":${JSON.stringify(piece)}}}]}`, null));
    }
  }
  events.push(choice('{}', answer.finishReason));
  if (includeUsage) events.push(`${prefix}],"usage":${JSON.stringify(usageObject(answer))}}\n\n`);
  events.push('data: [DONE]\n\n');
  return events;
}

export function textCompletionBody(identity: ResponseIdentity, answer: SimulatedAnswer): string {
  return JSON.stringify({
    id: identity.id,
    object: 'text_completion',
    created: identity.created,
    model: identity.model,
    system_fingerprint: null,
    choices: [{ text: answer.content, index: 0, logprobs: null, finish_reason: answer.finishReason }],
    usage: usageObject(answer),
  });
}

export function textCompletionEvents(identity: ResponseIdentity, answer: SimulatedAnswer, pieces: number, includeUsage: boolean): string[] {
  const head = { id: identity.id, object: 'text_completion', created: identity.created, model: identity.model, system_fingerprint: null };
  const event = (body: Record<string, unknown>) => `data: ${JSON.stringify({ ...head, ...body })}\n\n`;
  const events = split(answer.content, pieces).map((text) => event({ choices: [{ text, index: 0, logprobs: null, finish_reason: null }] }));
  events.push(event({ choices: [{ text: '', index: 0, logprobs: null, finish_reason: answer.finishReason }] }));
  if (includeUsage) events.push(event({ choices: [], usage: usageObject(answer) }));
  events.push('data: [DONE]\n\n');
  return events;
}

/** OpenAI's error body. */
export function errorBody(message: string, type: string, param: string | null = null, code: string | null = null): string {
  return JSON.stringify({ error: { message, type, param, code } });
}

/**
 * Splits text into at most `pieces` consecutive parts whose concatenation is the text. Text
 * with spaces is cut between words, so prose streams like a model's tokens; JSON without
 * spaces is cut anywhere.
 */
export function split(text: string, pieces: number): string[] {
  if (text.length === 0) return [];
  const words = text.split(' ');
  const byWords = words.length > 1;
  const units = byWords ? words.length : text.length;
  const count = Math.min(Math.max(1, pieces), units);
  const parts: string[] = [];
  for (let index = 0; index < count; index++) {
    // Even shares: with 90 words and 20 pieces every piece gets 4 or 5 words.
    const start = Math.floor((index * units) / count);
    const end = Math.floor(((index + 1) * units) / count);
    parts.push(byWords ? (index > 0 ? ' ' : '') + words.slice(start, end).join(' ') : text.slice(start, end));
  }
  return parts;
}
