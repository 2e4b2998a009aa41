import type { ChatRequest, EmbeddingRequest, ImageRequest } from '../providers/spec/index.js';
import type { BillableUnits } from './money.js';

// A chat template adds a few tokens around each message (role markers, separators).
const TEMPLATE_TOKENS_PER_MESSAGE = 8;

/** UTF-8 bytes: a byte-level BPE token covers at least one byte, so this bounds the input tokens. */
function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * The most a call can consume, for its reservation. Inputs are bounded by their byte count (no
 * tokenizer emits more tokens than bytes), outputs by the request's `max_tokens`, or when it has
 * none by `outputCap`, which the pipeline then sends upstream; images by their count. Settlement then charges what was really used.
 */
export function chatUnitBound(request: ChatRequest, outputCap: number): BillableUnits {
  let input = 0;
  for (const message of request.messages) input += bytes(message.content) + TEMPLATE_TOKENS_PER_MESSAGE;
  for (const tool of request.tools ?? []) input += bytes(JSON.stringify(tool));
  if (request.responseFormat && 'schema' in request.responseFormat) input += bytes(JSON.stringify(request.responseFormat.schema));
  return { inputTokens: input, outputTokens: request.maxTokens ?? outputCap };
}

export function embeddingUnitBound(request: EmbeddingRequest): BillableUnits {
  return { inputTokens: request.inputs.reduce((sum, input) => sum + bytes(input), 0), outputTokens: 0 };
}

export function imageUnitBound(request: ImageRequest): BillableUnits {
  return { inputTokens: bytes(request.prompt) + bytes(request.negativePrompt ?? ''), outputTokens: 0, images: request.count ?? 1 };
}
