import { nanoToJson } from '../../billing/money.js';
import type { ResponseObject, ResponseOutputItem } from '../../contract/openai/responses.js';
import type { Usage } from '../../providers/spec/index.js';

/** The response object before its output: what `response.created` carries, and every later snapshot builds on. */
export type ResponseFrame = Omit<ResponseObject, 'output' | 'usage' | 'status' | 'incomplete_details'>;

/** The whole response, once the model finished: `incomplete` when it hit max_output_tokens, as OpenAI says. */
export function finishedResponse(frame: ResponseFrame, output: ResponseOutputItem[], finishReason: string, usage: Usage, costNanoUsd: bigint): ResponseObject {
  const incomplete = finishReason === 'length';
  return {
    ...frame,
    status: incomplete ? 'incomplete' : 'completed',
    incomplete_details: incomplete ? { reason: 'max_output_tokens' } : null,
    output,
    usage: responseUsage(usage, costNanoUsd),
  };
}

function responseUsage(usage: Usage, costNanoUsd: bigint): NonNullable<ResponseObject['usage']> {
  const inputTokens = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: usage.cacheReadTokens },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens },
    total_tokens: inputTokens + usage.outputTokens,
    cost_nano_usd: nanoToJson(costNanoUsd),
  };
}

/** Ids are the response's own plus a position, so a client can match a streamed item to the final one. */
export const messageItemId = (responseId: string) => `msg_${responseId.slice('resp_'.length)}`;
export const functionCallItemId = (responseId: string, index: number) => `fc_${responseId.slice('resp_'.length)}_${index}`;
