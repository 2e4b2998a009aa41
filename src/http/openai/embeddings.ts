import type { FastifyReply, FastifyRequest } from 'fastify';
import { embeddingRequestSchema, type EmbeddingResponse } from '../../contract/openai/embeddings.js';
import { parseWith } from '../../contract/parse-with.js';
import { execute } from '../../routing/execute.js';
import { embedCall } from '../../tasks/embedding.js';
import type { GatewayServices } from '../../trpc/gateway-services.js';
import { callContextOf } from '../request-context.js';
import { embeddingTexts } from './token-ids.js';

/** `POST /v1/embeddings`, through the providers' own embeddings APIs; token ids are decoded first (token-ids.ts). */
export async function handleEmbeddings(
  request: FastifyRequest,
  reply: FastifyReply,
  services: GatewayServices,
  modelOverride?: string,
): Promise<EmbeddingResponse> {
  const body = parseWith(embeddingRequestSchema, request.body);
  const modelName = modelOverride ?? body.model;
  const { pipeline } = services;
  // Before any await: the context watches the connection from here on.
  const context = callContextOf(request, reply, services);
  const inputs = await embeddingTexts(body.input, pipeline.resolver.resolve(modelName ?? pipeline.defaultModels.embedding, 'embedding').model);
  const { result, model } = await execute(context, embedCall(modelName, inputs, body.dimensions ?? undefined));
  const promptTokens = result.usage.inputTokens + result.usage.cacheReadTokens;
  return {
    object: 'list',
    data: result.embeddings.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: body.encoding_format === 'base64' ? base64Floats(vector) : vector,
    })),
    model: modelName ?? model.id,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}

/** OpenAI's base64 encoding: the vector as little-endian float32 bytes (what the openai npm client asks for by default). */
export function base64Floats(vector: readonly number[]): string {
  const bytes = Buffer.allocUnsafe(vector.length * 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes.toString('base64');
}
