import type { FastifyInstance } from 'fastify';
import { handleChatCompletions } from './chat-completions.js';
import { handleCompletions } from './completions.js';
import { handleEmbeddings } from './embeddings.js';
import { IMAGE_FILE_PATTERN } from '../../contract/openai/paths.js';
import { handleImageGenerations, IMAGE_ROUTE_PREFIX, serveStoredImage } from './image-generations.js';
import { ImageStore } from './image-store.js';
import type { GatewayServices } from '../../trpc/gateway-services.js';
import { handleListModels, handleRetrieveModel } from './models.js';
import { handleResponses } from './responses.js';

const inference = { config: { scopes: ['inference'] as const } };
// Listing models is also what a billing dashboard does, as on /hf/tasks/models.
const readModels = { config: { scopes: ['inference', 'billing:read'] as const } };

/** OpenAI links last an hour; 256 MiB holds a few hundred 1024x1024 PNGs. */
const IMAGE_TTL_MS = 60 * 60 * 1000;
const IMAGE_STORE_BYTES = 256 * 1024 * 1024;

/**
 * The OpenAI-compatible surface, as native routes (the hot path: no tRPC caller) over the same
 * task pipeline as /hf/tasks/*: /v1/chat/completions, /v1/completions, /v1/responses, /v1/embeddings,
 * /v1/images/generations (+ the image links it hands out) and /v1/models.
 */
export function registerOpenAIRoutes(app: FastifyInstance, services: GatewayServices): void {
  const images = new ImageStore({ ttlMs: IMAGE_TTL_MS, maxBytes: IMAGE_STORE_BYTES });
  app.post('/v1/chat/completions', inference, (request, reply) => handleChatCompletions(request, reply, services));
  app.post('/v1/completions', inference, (request, reply) => handleCompletions(request, reply, services));
  app.post('/v1/responses', inference, (request, reply) => handleResponses(request, reply, services));
  app.post('/v1/embeddings', inference, (request, reply) => handleEmbeddings(request, reply, services));
  app.post('/v1/images/generations', inference, (request, reply) => handleImageGenerations(request, reply, services, images));
  // Only the store's names match, so /v1/images/generations is not also a GET route (405, Allow: POST).
  app.get<{ Params: { file: string } }>(`${IMAGE_ROUTE_PREFIX}:file(${IMAGE_FILE_PATTERN})`, (request, reply) => serveStoredImage(request, reply, images));
  app.get('/v1/models', readModels, async () => handleListModels(services));
  app.get<{ Params: { '*': string } }>('/v1/models/*', readModels, async (request) => handleRetrieveModel(request, services));
}
