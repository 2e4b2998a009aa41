import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../app-services.js';

/** The OpenAI-compatible surface: /v1/chat/completions, /v1/completions, /v1/embeddings, /v1/images/generations, /v1/models. */
export function registerOpenAIRoutes(_app: FastifyInstance, _services: AppServices): void {}
