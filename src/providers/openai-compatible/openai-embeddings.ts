import type { EmbeddingRequest, EmbeddingResult } from '../spec/index.js';
import { errorInBody, protocolFailure } from '../classify-failure.js';
import { openAIUsageReader, type UsageReader } from './openai-usage.js';
import { isRecord } from '../json.js';
import { parseJsonObject } from '../parse-json-object.js';

/**
 * The `/embeddings` body. Floats are asked for explicitly: `float` is the one format every
 * OpenAI-compatible server documents (base64 support is patchy, and a server that ignores the
 * field answers floats anyway), and the official OpenAI clients send the field on every call,
 * so servers built for them accept it.
 */
export function toOpenAIEmbeddingBody(request: EmbeddingRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { model: request.model, input: request.inputs, encoding_format: 'float' };
  if (request.dimensions !== undefined) body.dimensions = request.dimensions;
  return body;
}

/** Reads an embeddings answer; vectors come back in input order whatever order `data` used. */
export function parseEmbeddingResponse(bodyText: string, provider: string, inputCount: number, usage: UsageReader = openAIUsageReader): EmbeddingResult {
  const body = parseJsonObject(bodyText, provider);
  if (body.error !== undefined && body.error !== null) throw errorInBody(provider, body.error);
  if (!Array.isArray(body.data)) throw protocolFailure(provider, 'answered embeddings without a data list');
  const items = body.data.map((item: unknown, position) => {
    if (!isRecord(item)) throw protocolFailure(provider, 'answered an embedding that is not an object');
    return { index: typeof item.index === 'number' ? item.index : position, embedding: readVector(item.embedding, provider) };
  });
  if (items.length !== inputCount) throw protocolFailure(provider, `answered ${items.length} embeddings for ${inputCount} inputs`);
  items.sort((a, b) => a.index - b.index);
  return { embeddings: items.map((item) => item.embedding), usage: usage.normalize(usage.find(body)) };
}

function readVector(value: unknown, provider: string): number[] {
  if (Array.isArray(value) && value.every((number) => typeof number === 'number' && Number.isFinite(number))) return value as number[];
  // A server that answers base64 despite `encoding_format: "float"` still gets read: little-endian float32s.
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'base64');
    if (bytes.length > 0 && bytes.length % 4 === 0) return Array.from({ length: bytes.length / 4 }, (_, index) => bytes.readFloatLE(index * 4));
  }
  throw protocolFailure(provider, 'answered an embedding that is neither a list of numbers nor base64 float32s');
}
