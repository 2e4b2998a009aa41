import { protocolFailure } from '../classify-failure.js';
import { isRecord } from '../json.js';
import { parseJsonObject } from '../parse-json-object.js';
import type { ChatResult, FinishReason, ToolCall } from '../spec/index.js';
import { geminiErrorInBody, normalizeGeminiUsage, toFinishReason } from './gemini-usage.js';

/** What one `GenerateContentResponse` (a whole answer, or one stream chunk) carries. */
export interface GeminiChunk {
  text: string;
  /** Gemini sends each function call whole, never in pieces. */
  toolCalls: ToolCall[];
  /** The candidate's raw `finishReason`, or `blocked` when the prompt itself was refused. */
  finishReason: unknown;
  usageMetadata: unknown;
  modelVersion: string | undefined;
}

/** Reads a non-streaming `generateContent` body. */
export function parseGeminiResponse(bodyText: string, provider: string): ChatResult {
  const chunk = readGeminiChunk(parseJsonObject(bodyText, provider), provider, 0);
  const result: ChatResult = {
    text: chunk.text,
    toolCalls: chunk.toolCalls,
    finishReason: geminiFinishReason(chunk.finishReason, chunk.toolCalls.length > 0) ?? 'stop',
    usage: normalizeGeminiUsage(chunk.usageMetadata),
  };
  if (chunk.modelVersion !== undefined) result.responseModel = chunk.modelVersion;
  return result;
}

/**
 * Reads the first candidate of one response object; `firstToolCallIndex` numbers the calls
 * across a stream's chunks. Throws the upstream's error when the object is an error body.
 */
export function readGeminiChunk(body: Record<string, unknown>, provider: string, firstToolCallIndex: number): GeminiChunk {
  if (isRecord(body.error)) throw geminiErrorInBody(provider, body.error);
  const chunk: GeminiChunk = {
    text: '',
    toolCalls: [],
    finishReason: undefined,
    usageMetadata: body.usageMetadata,
    modelVersion: typeof body.modelVersion === 'string' ? body.modelVersion : undefined,
  };
  const candidate = Array.isArray(body.candidates) && isRecord(body.candidates[0]) ? body.candidates[0] : undefined;
  // A refused prompt has no candidate at all, only `promptFeedback.blockReason`.
  if (candidate === undefined) {
    if (isRecord(body.promptFeedback) && body.promptFeedback.blockReason !== undefined) chunk.finishReason = 'blocked';
    return chunk;
  }
  chunk.finishReason = candidate.finishReason;
  const parts = isRecord(candidate.content) && Array.isArray(candidate.content.parts) ? candidate.content.parts : [];
  for (const part of parts) {
    if (!isRecord(part)) continue;
    // Thought summaries are the model's scratchpad, not the answer.
    if (typeof part.text === 'string' && part.thought !== true) chunk.text += part.text;
    if (isRecord(part.functionCall)) chunk.toolCalls.push(toToolCall(part.functionCall, body, firstToolCallIndex + chunk.toolCalls.length, provider));
  }
  return chunk;
}

export function geminiFinishReason(finishReason: unknown, hasToolCalls: boolean): FinishReason | undefined {
  return finishReason === 'blocked' ? 'content_filter' : toFinishReason(finishReason, hasToolCalls);
}

function toToolCall(call: Record<string, unknown>, body: Record<string, unknown>, index: number, provider: string): ToolCall {
  if (typeof call.name !== 'string') throw protocolFailure(provider, 'answered with a functionCall without a name');
  // The Gemini API leaves `id` out; the gateway's callers need one to answer the call with.
  const id = typeof call.id === 'string' && call.id !== '' ? call.id : `call_${typeof body.responseId === 'string' ? `${body.responseId}_` : ''}${index}`;
  return { id, name: call.name, arguments: JSON.stringify(call.args ?? {}) };
}
