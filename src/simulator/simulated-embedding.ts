import { stableHash } from './stable-hash.js';

export const DEFAULT_EMBEDDING_DIMENSIONS = 384;

/**
 * A deterministic, L2-normalized embedding by feature hashing: every lower-cased word and every
 * character trigram of a word adds ±1 to one hashed dimension. Texts sharing words (or word
 * pieces) share dimensions, so their cosine similarity is higher, like a real model's.
 */
export function embedText(text: string, dimensions = DEFAULT_EMBEDDING_DIMENSIONS): number[] {
  const vector = new Float64Array(dimensions);
  const add = (feature: string, weight: number) => {
    const hash = stableHash(feature);
    // One hash bit picks the sign, so unrelated features cancel out on average instead of piling up.
    vector[hash % dimensions]! += hash & 0x8000_0000 ? -weight : weight;
  };
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  for (const word of words) {
    add(`w:${word}`, 1);
    const padded = `^${word}$`;
    for (let start = 0; start + 3 <= padded.length; start++) add(`t:${padded.slice(start, start + 3)}`, 0.5);
  }
  // Punctuation-only text still gets a vector of its own rather than zeros.
  if (words.length === 0) add(`x:${text}`, 1);
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  // Features that cancel exactly would leave no direction; any fixed one keeps the vector unit-length.
  if (norm === 0) {
    vector[0] = 1;
    norm = 1;
  }
  // Float32 is what is sent (and what base64 carries), so the vector is rounded to it here.
  return Array.from(vector, (value) => Math.fround(value / norm));
}

/** OpenAI's `encoding_format: "base64"`: the float32 values, little-endian, base64-encoded. */
export function toBase64Embedding(vector: number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes.toString('base64');
}
