import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../app-services.js';

/** HF-native per-model routes: POST /models/{org}/{name} (+ /v1/chat/completions, /v1/completions). */
export function registerHfNativeRoutes(_app: FastifyInstance, _services: AppServices): void {}
