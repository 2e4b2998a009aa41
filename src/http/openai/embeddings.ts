import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../app-services.js';
import { embeddingRequestSchema, type EmbeddingResponse } from '../../contract/openai/embeddings.js';
import { completeWithCandidates, resolveModel } from '../../tasks/complete-chat.js';
import { parseWith } from '../parse-with.js';
import { taskContextOf } from '../request-context.js';

/** `POST /v1/embeddings`, through the providers' own embeddings APIs. */
export async function handleEmbeddings(
  request: FastifyRequest,
  reply: FastifyReply,
  services: AppServices,
  modelOverride?: string,
): Promise<EmbeddingResponse> {
  const body = parseWith(embeddingRequestSchema, request.body);
  const context = taskContextOf(request, reply, services);
  const modelName = modelOverride ?? body.model;
  const inputs = typeof body.input === 'string' ? [body.input] : body.input;
  const resolved = resolveModel(context, 'embedding', modelName);
  const { result } = await completeWithCandidates(context, 'embedding', resolved, (candidate, signal) =>
    candidate.adapter.embed!(
      { model: candidate.providerModel, inputs, ...(body.dimensions ? { dimensions: body.dimensions } : {}) },
      { signal, requestId: context.inferenceId },
    ),
  );
  const promptTokens = result.usage.inputTokens + result.usage.cacheReadTokens;
  return {
    object: 'list',
    data: result.embeddings.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: body.encoding_format === 'base64' ? base64Floats(vector) : vector,
    })),
    model: modelName ?? resolved.model.id,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}

/** OpenAI's base64 encoding: the vector as little-endian float32 bytes (what the openai npm client asks for by default). */
export function base64Floats(vector: readonly number[]): string {
  const bytes = Buffer.allocUnsafe(vector.length * 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes.toString('base64');
}
