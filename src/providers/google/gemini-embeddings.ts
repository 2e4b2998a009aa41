import { protocolFailure } from '../classify-failure.js';
import { isRecord } from '../json.js';
import { parseJsonObject } from '../parse-json-object.js';
import { emptyUsage, type EmbeddingRequest, type EmbeddingResult } from '../spec/index.js';
import { geminiErrorInBody } from './gemini-usage.js';

/** The `:batchEmbedContents` body: one request per input, each naming the model again, as Google requires. */
export function toGeminiEmbeddingBody(request: EmbeddingRequest, modelName: string): Record<string, unknown> {
  return {
    requests: request.inputs.map((text) => ({
      model: modelName,
      content: { parts: [{ text }] },
      ...(request.dimensions === undefined ? {} : { outputDimensionality: request.dimensions }),
    })),
  };
}

/**
 * Reads a `:batchEmbedContents` answer: `embeddings[i].values` belongs to input i. The Gemini
 * API reports no token counts for embeddings, so usage is empty apart from `raw`.
 */
export function parseGeminiEmbeddings(bodyText: string, provider: string, inputCount: number): EmbeddingResult {
  const body = parseJsonObject(bodyText, provider);
  if (isRecord(body.error)) throw geminiErrorInBody(provider, body.error);
  if (!Array.isArray(body.embeddings)) throw protocolFailure(provider, 'answered embeddings without an embeddings list');
  const embeddings = body.embeddings.map((item: unknown) => {
    const values = isRecord(item) ? item.values : undefined;
    if (!Array.isArray(values) || !values.every((value) => typeof value === 'number' && Number.isFinite(value))) {
      throw protocolFailure(provider, 'answered an embedding without a list of numbers');
    }
    return values as number[];
  });
  if (embeddings.length !== inputCount) throw protocolFailure(provider, `answered ${embeddings.length} embeddings for ${inputCount} inputs`);
  const usage = emptyUsage();
  if (isRecord(body.usageMetadata)) {
    usage.inputTokens = typeof body.usageMetadata.promptTokenCount === 'number' ? body.usageMetadata.promptTokenCount : 0;
    usage.raw = body.usageMetadata;
  }
  return { embeddings, usage };
}
