import { protocolFailure } from '../classify-failure.js';
import { errorInBody } from '../classify-failure.js';
import { isRecord } from '../json.js';
import { emptyUsage, type EmbeddingRequest, type EmbeddingResult } from '../spec/index.js';

/**
 * The feature-extraction task's body: `inputs` and the options at the root, not under
 * `parameters` (HF's task schema; TEI behind it reads them there). A list is always sent so
 * the answer is always one vector per input.
 */
export function toFeatureExtractionBody(request: EmbeddingRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { inputs: request.inputs };
  if (request.dimensions !== undefined) body.dimensions = request.dimensions;
  return body;
}

/**
 * Reads nested float arrays: `[[…], […]]`, one vector per input. A depth-3 answer is per-token
 * features from a model without pooling, not a sentence embedding, and is refused. The task
 * reports no token counts, so usage is empty.
 */
export function parseFeatureExtraction(bodyText: string, provider: string, inputCount: number): EmbeddingResult {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch (error) {
    throw protocolFailure(provider, 'answered with a body that is not JSON', error);
  }
  if (isRecord(body) && body.error !== undefined) throw errorInBody(provider, { message: String(body.error) });
  // One input may come back as a bare vector.
  const vectors = isVector(body) && inputCount === 1 ? [body] : body;
  if (!Array.isArray(vectors) || !vectors.every(isVector)) {
    throw protocolFailure(provider, 'answered feature-extraction output that is not one vector per input');
  }
  if (vectors.length !== inputCount) throw protocolFailure(provider, `answered ${vectors.length} embeddings for ${inputCount} inputs`);
  return { embeddings: vectors, usage: emptyUsage() };
}

function isVector(value: unknown): value is number[] {
  return Array.isArray(value) && value.length > 0 && value.every((number) => typeof number === 'number' && Number.isFinite(number));
}
