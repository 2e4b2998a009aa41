import type { FastifyReply, FastifyRequest } from 'fastify';
import { imageRequestSchema, type ImagesResponse } from '../../contract/openai/images.js';
import { parseWith } from '../../contract/parse-with.js';
import { GatewayError } from '../../errors.js';
import { execute } from '../../routing/execute.js';
import { imageCall } from '../../tasks/image-generation.js';
import type { GatewayServices } from '../../trpc/gateway-services.js';
import { callContextOf } from '../request-context.js';
import { publicOrigin } from '../public-origin.js';
import type { ImageStore } from './image-store.js';

export const IMAGE_ROUTE_PREFIX = '/v1/images/';

/**
 * `POST /v1/images/generations`: links to the gateway's image store (`url`), inline base64
 * (`b64_json`), or, when the request names neither, both: DALL-E clients read `url` by default,
 * GPT-Image clients (pydantic-ai) read `b64_json`, and each ignores the other field.
 */
export async function handleImageGenerations(
  request: FastifyRequest,
  reply: FastifyReply,
  services: GatewayServices,
  store: ImageStore,
): Promise<ImagesResponse> {
  const body = parseWith(imageRequestSchema, request.body);
  // Before the upstream call, so a forged Host costs nothing; PUBLIC_BASE_URL, or Host/X-Forwarded-* when valid.
  const origin = publicOrigin(request, services.config.PUBLIC_BASE_URL);
  const call = imageCall(body.model, { prompt: body.prompt, ...(body.n ? { count: body.n } : {}), ...sizeOf(body.size) });
  const { result } = await execute(callContextOf(request, reply, services), call);
  const format = body.response_format ?? 'both';
  return {
    created: Math.floor(Date.now() / 1000),
    data: result.images.map((image) => ({
      ...(format === 'url' ? {} : { b64_json: image.data.toString('base64') }),
      ...(format === 'b64_json' ? {} : { url: `${origin}${IMAGE_ROUTE_PREFIX}${store.put(image)}` }),
    })),
  };
}

function sizeOf(size: string | null | undefined): { width?: number; height?: number } {
  const match = size ? /^(\d+)x(\d+)$/.exec(size) : null;
  return match ? { width: Number(match[1]), height: Number(match[2]) } : {};
}

/** `GET /v1/images/<uuid>.<ext>`: public, the unguessable name being the credential. */
export function serveStoredImage(request: FastifyRequest<{ Params: { file: string } }>, reply: FastifyReply, store: ImageStore) {
  const image = store.get(request.params.file);
  if (!image) throw new GatewayError('not_found', 'Image not found', 'No such image; generated images are kept for an hour.');
  return reply.type(image.mediaType).header('cache-control', 'private, max-age=3600').send(image.data);
}
