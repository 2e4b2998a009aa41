import { protocolFailure } from '../classify-failure.js';
import { isRecord } from '../json.js';
import { parseJsonObject } from '../parse-json-object.js';
import type { ImageRequest } from '../spec/index.js';

/** The queue's answer to a submission: where to ask for the status and, once done, the result. */
export interface QueuedRequest {
  requestId: string;
  statusUrl: unknown;
  responseUrl: unknown;
}

/**
 * fal's text-to-image input. `image_size` takes `{width, height}` or a preset name; with one
 * side given the image is square, and with none the model's preset applies.
 */
export function toFalInput(request: ImageRequest): Record<string, unknown> {
  const input: Record<string, unknown> = { prompt: request.prompt };
  const width = request.width ?? request.height;
  const height = request.height ?? request.width;
  if (width !== undefined && height !== undefined) input.image_size = { width, height };
  if (request.count !== undefined) input.num_images = request.count;
  if (request.seed !== undefined) input.seed = request.seed;
  if (request.steps !== undefined) input.num_inference_steps = request.steps;
  if (request.guidanceScale !== undefined) input.guidance_scale = request.guidanceScale;
  if (request.negativePrompt !== undefined) input.negative_prompt = request.negativePrompt;
  return input;
}

export function parseQueuedRequest(bodyText: string, provider: string): QueuedRequest {
  const body = parseJsonObject(bodyText, provider);
  if (typeof body.request_id !== 'string') throw protocolFailure(provider, 'answered a queue submission without request_id');
  return { requestId: body.request_id, statusUrl: body.status_url, responseUrl: body.response_url };
}

/** `IN_QUEUE`, `IN_PROGRESS` or `COMPLETED`; a failed request is COMPLETED too, and its result URL answers the error. */
export function parseQueueStatus(bodyText: string, provider: string): string {
  const body = parseJsonObject(bodyText, provider);
  if (typeof body.status !== 'string') throw protocolFailure(provider, 'answered a queue status without status');
  return body.status;
}

export interface FalImageResult {
  links: string[];
  /** `timings`, `seed` and `has_nsfw_concepts`: kept as the usage's raw value. */
  raw: unknown;
}

export function parseFalImages(bodyText: string, provider: string): FalImageResult {
  const body = parseJsonObject(bodyText, provider);
  if (!Array.isArray(body.images) || body.images.length === 0) throw protocolFailure(provider, 'answered without images');
  const links = body.images.map((image: unknown) => {
    if (isRecord(image) && typeof image.url === 'string' && image.url !== '') return image.url;
    throw protocolFailure(provider, 'answered an image without url');
  });
  return { links, raw: { timings: body.timings ?? null, seed: body.seed ?? null, has_nsfw_concepts: body.has_nsfw_concepts ?? null } };
}
