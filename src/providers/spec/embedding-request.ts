import type { Usage } from './usage.js';

/** One embeddings call: every input is embedded by the same model, in order. */
export interface EmbeddingRequest {
  model: string;
  inputs: string[];
  /** Truncate the vectors to this many dimensions, where the model supports it. */
  dimensions?: number;
}

/** `embeddings[i]` belongs to `inputs[i]`; vectors are plain float arrays whatever the wire format was. */
export interface EmbeddingResult {
  embeddings: number[][];
  usage: Usage;
}
