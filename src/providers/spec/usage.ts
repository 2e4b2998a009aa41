/**
 * Token and unit counts reported by an upstream for one call.
 *
 * Counts are normalized so billing can price them without knowing the provider:
 * - `inputTokens` excludes cached tokens. Providers differ here (OpenAI's `prompt_tokens`
 *   includes `cached_tokens`, Anthropic's `input_tokens` does not); the adapter subtracts so
 *   that `inputTokens + cacheReadTokens + cacheWriteTokens` is the whole prompt.
 * - `outputTokens` includes reasoning tokens; `reasoningTokens` says how many of them were.
 * - `images` counts generated images (image tasks), priced per image.
 *
 * `raw` keeps the upstream's own usage object untouched, so any bill can be re-derived later
 * if the normalization above turns out to be wrong for a provider.
 */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  images: number;
  raw: unknown;
  /** What the provider itself says the call cost (OpenRouter's `usage.cost`), kept beside ours for reconciliation. */
  providerCostNanoUsd?: bigint;
}

export function emptyUsage(): Usage {
  return { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, images: 0, raw: null };
}

/** Two calls' usage as one (OpenAI's `n` choices settle in one row); `raw` keeps each upstream's value. */
export function addUsage(sum: Usage, usage: Usage): Usage {
  return {
    inputTokens: sum.inputTokens + usage.inputTokens,
    outputTokens: sum.outputTokens + usage.outputTokens,
    cacheReadTokens: sum.cacheReadTokens + usage.cacheReadTokens,
    cacheWriteTokens: sum.cacheWriteTokens + usage.cacheWriteTokens,
    reasoningTokens: sum.reasoningTokens + usage.reasoningTokens,
    images: sum.images + usage.images,
    raw: Array.isArray(sum.raw) ? [...(sum.raw as unknown[]), usage.raw] : sum.raw === null ? usage.raw : [sum.raw, usage.raw],
  };
}
