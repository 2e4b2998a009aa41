import type { CompletionUsage, OpenAIFinishReason } from '../../contract/openai/common.js';
import { addUsage, type FinishReason, type Usage } from '../../providers/spec/index.js';

/** The fields every object of one answer shares: its id, creation second and the model as requested. */
export interface ResponseIdentity {
  id: string;
  created: number;
  model: string;
}

export function responseIdentity(prefix: 'chatcmpl-' | 'cmpl-', inferenceId: string, model: string): ResponseIdentity {
  return { id: `${prefix}${inferenceId}`, created: Math.floor(Date.now() / 1000), model };
}

/** The usage of several choices (OpenAI's `n`), as billed in their one row: summed. */
export function sumUsage(results: readonly { usage: Usage }[]): Usage {
  return results.map((result) => result.usage).reduce(addUsage);
}

/** OpenAI counts cached tokens inside `prompt_tokens`; the gateway's Usage keeps them apart. */
export function openAIUsage(usage: Usage): CompletionUsage {
  const promptTokens = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: promptTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cacheReadTokens },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens },
  };
}

/** `error` is the gateway's own reason; OpenAI's clients know only these four. */
export function openAIFinishReason(reason: FinishReason): OpenAIFinishReason {
  return reason === 'error' ? 'stop' : reason;
}
