import { protocolFailure } from '../classify-failure.js';
import { isRecord } from '../json.js';
import { parseJsonObject } from '../parse-json-object.js';
import type { EmbeddingRequest, EmbeddingResult } from '../spec/index.js';
import { normalizeCohereUsage } from './cohere-usage.js';

/**
 * The `/v2/embed` body. v3+ models refuse a call without `input_type`; the gateway's embeddings
 * task embeds text to be searched, so it is `search_document`.
 */
export function toCohereEmbedBody(request: EmbeddingRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { model: request.model, texts: request.inputs, input_type: 'search_document', embedding_types: ['float'] };
  if (request.dimensions !== undefined) body.output_dimension = request.dimensions;
  return body;
}

/** Reads an `embeddings_by_type` answer: `embeddings.float[i]` belongs to input i; usage is `meta.billed_units`. */
export function parseCohereEmbeddings(bodyText: string, provider: string, inputCount: number): EmbeddingResult {
  const body = parseJsonObject(bodyText, provider);
  const vectors = isRecord(body.embeddings) ? body.embeddings.float : undefined;
  if (!Array.isArray(vectors)) throw protocolFailure(provider, 'answered embeddings without embeddings.float');
  const embeddings = vectors.map((vector: unknown) => {
    if (!Array.isArray(vector) || !vector.every((value) => typeof value === 'number' && Number.isFinite(value))) {
      throw protocolFailure(provider, 'answered an embedding that is not a list of numbers');
    }
    return vector as number[];
  });
  if (embeddings.length !== inputCount) throw protocolFailure(provider, `answered ${embeddings.length} embeddings for ${inputCount} inputs`);
  return { embeddings, usage: normalizeCohereUsage(body.meta) };
}
