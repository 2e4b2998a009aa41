import type { ResponseIdentity } from '../../src/simulator/openai-wire.js';
import { split } from '../../src/simulator/openai-wire.js';
import type { SimulatedAnswer } from '../../src/simulator/simulated-answer.js';

const FINISH_REASONS = { stop: 'STOP', length: 'MAX_TOKENS', tool_calls: 'STOP' } as const;

function usageMetadata(answer: SimulatedAnswer, candidatesTokens: number | undefined): Record<string, unknown> {
  const usage: Record<string, unknown> = { promptTokenCount: answer.promptTokens, totalTokenCount: answer.promptTokens + (candidatesTokens ?? 0) };
  if (candidatesTokens !== undefined) usage.candidatesTokenCount = candidatesTokens;
  usage.promptTokensDetails = [{ modality: 'TEXT', tokenCount: answer.promptTokens }];
  return usage;
}

function responseObject(
  identity: ResponseIdentity,
  parts: unknown[],
  finishReason: string | undefined,
  usage: Record<string, unknown>,
): Record<string, unknown> {
  const candidate: Record<string, unknown> = { content: { parts, role: 'model' } };
  if (finishReason !== undefined) candidate.finishReason = finishReason;
  candidate.index = 0;
  return { candidates: [candidate], usageMetadata: usage, modelVersion: identity.model, responseId: identity.id };
}

function answerParts(answer: SimulatedAnswer): unknown[] {
  const call = answer.toolCall;
  if (call === undefined) return [{ text: answer.content }];
  // Gemini sends function calls whole; arguments cut by the token limit are sent as nothing.
  let args: unknown = {};
  try {
    args = JSON.parse(call.arguments);
  } catch {
    // Left as {}.
  }
  return [{ functionCall: { name: call.name, args } }];
}

export function geminiResponseBody(identity: ResponseIdentity, answer: SimulatedAnswer): string {
  return JSON.stringify(responseObject(identity, answerParts(answer), FINISH_REASONS[answer.finishReason], usageMetadata(answer, answer.completionTokens)));
}

/**
 * The chunks of a streamed answer, each a whole `GenerateContentResponse` as Gemini sends them:
 * text in pieces with the prompt's usage, a function call whole, and the last chunk carrying
 * `finishReason` and the final counts. There is no end-of-stream marker.
 */
export function geminiResponseChunks(identity: ResponseIdentity, answer: SimulatedAnswer, pieces: number): Record<string, unknown>[] {
  const finishReason = FINISH_REASONS[answer.finishReason];
  if (answer.toolCall !== undefined) return [responseObject(identity, answerParts(answer), finishReason, usageMetadata(answer, answer.completionTokens))];
  const texts = answer.content === '' ? [''] : split(answer.content, pieces);
  return texts.map((text, index) => {
    const last = index === texts.length - 1;
    return responseObject(identity, [{ text }], last ? finishReason : undefined, usageMetadata(answer, last ? answer.completionTokens : undefined));
  });
}

/** `alt=sse` framing: Gemini separates events with CRLF pairs. */
export function geminiSseEvents(chunks: Record<string, unknown>[]): string[] {
  return chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\r\n\r\n`);
}

// Cut mid-document on purpose, so SDKs try (and fail) to parse it.
export const MALFORMED_GEMINI_EVENT = 'data: {"candidates": [{"content": {"parts": [{"text": "cu\r\n\r\n';

/** Google's error body. */
export function geminiErrorBody(code: number, message: string, status: string): string {
  return JSON.stringify({ error: { code, message, status } });
}

/** The canonical status and message Google sends with an HTTP status. */
export function geminiErrorForStatus(code: number): { message: string; status: string } {
  switch (code) {
    case 400:
      return { status: 'INVALID_ARGUMENT', message: 'Request contains an invalid argument.' };
    case 403:
      return { status: 'PERMISSION_DENIED', message: 'The caller does not have permission' };
    case 404:
      return { status: 'NOT_FOUND', message: 'Requested entity was not found.' };
    case 429:
      return { status: 'RESOURCE_EXHAUSTED', message: 'You exceeded your current quota, please check your plan and billing details.' };
    case 500:
      return {
        status: 'INTERNAL',
        message: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
      };
    case 503:
      return { status: 'UNAVAILABLE', message: 'The model is overloaded. Please try again later.' };
    case 504:
      return { status: 'DEADLINE_EXCEEDED', message: 'Deadline expired before operation could complete.' };
    default:
      return { status: code >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION', message: `Simulated error (HTTP ${code}).` };
  }
}
