import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../app-services.js';
import { imageRequestSchema, type ImagesResponse } from '../../contract/openai/images.js';
import { GatewayError } from '../../errors.js';
import type { ImageRequest } from '../../providers/spec/index.js';
import { completeWithCandidates, resolveModel } from '../../tasks/complete-chat.js';
import { parseWith } from '../parse-with.js';
import { publicOrigin } from '../public-origin.js';
import type { ImageStore } from './image-store.js';
import { taskContextOf } from '../request-context.js';

export const IMAGE_ROUTE_PREFIX = '/v1/images/';

/** `POST /v1/images/generations`: inline base64, or (OpenAI's default) links to the gateway's image store. */
export async function handleImageGenerations(
  request: FastifyRequest,
  reply: FastifyReply,
  services: AppServices,
  store: ImageStore,
): Promise<ImagesResponse> {
  const body = parseWith(imageRequestSchema, request.body);
  const context = taskContextOf(request, reply, services);
  const resolved = resolveModel(context, 'image-generation', body.model);
  // Before the upstream call, so a forged Host costs nothing; PUBLIC_BASE_URL, or Host/X-Forwarded-* when valid.
  const origin = publicOrigin(request, services.config.PUBLIC_BASE_URL);
  const upstreamRequest = (model: string): ImageRequest => ({
    model,
    prompt: body.prompt,
    ...(body.n ? { count: body.n } : {}),
    ...sizeOf(body.size),
  });
  const { result } = await completeWithCandidates(context, 'image-generation', resolved, (candidate, signal) =>
    candidate.adapter.generateImage!(upstreamRequest(candidate.providerModel), { signal, requestId: context.inferenceId }),
  );
  const inline = body.response_format === 'b64_json';
  return {
    created: Math.floor(Date.now() / 1000),
    data: result.images.map((image) =>
      inline ? { b64_json: image.data.toString('base64') } : { url: `${origin}${IMAGE_ROUTE_PREFIX}${store.put(image)}` },
    ),
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
