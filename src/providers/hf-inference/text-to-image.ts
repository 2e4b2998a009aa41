import { classifyFailure, errorInBody, protocolFailure } from '../classify-failure.js';
import { detectImageMediaType } from '../image-media-type.js';
import { isRecord } from '../json.js';
import type { ImageRequest, ImageResult } from '../spec/index.js';
import type { UpstreamBody } from '../upstream-pool.js';

/** The text-to-image task's body: the prompt as `inputs`, diffusion options under `parameters`. */
export function toTextToImageBody(request: ImageRequest, index: number): Record<string, unknown> {
  const parameters: Record<string, unknown> = {};
  if (request.negativePrompt !== undefined) parameters.negative_prompt = request.negativePrompt;
  if (request.width !== undefined) parameters.width = request.width;
  if (request.height !== undefined) parameters.height = request.height;
  if (request.steps !== undefined) parameters.num_inference_steps = request.steps;
  if (request.guidanceScale !== undefined) parameters.guidance_scale = request.guidanceScale;
  // One image per call: each extra image of a seeded batch takes the next seed, so the batch is reproducible yet not identical.
  if (request.seed !== undefined) parameters.seed = request.seed + index;
  return { inputs: request.prompt, parameters };
}

/** The answer is the image itself (raw bytes, not JSON); a JSON body there is an error. */
export async function readTextToImage(body: UpstreamBody, provider: string, signal: AbortSignal): Promise<ImageResult['images'][number]> {
  let data: Buffer;
  try {
    data = Buffer.from(await body.arrayBuffer());
  } catch (error) {
    throw classifyFailure(error, provider, signal);
  }
  const mediaType = detectImageMediaType(data);
  if (mediaType !== undefined) return { data, mediaType };
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8'));
  } catch {
    throw protocolFailure(provider, 'answered text-to-image with bytes that are not PNG, JPEG or WebP');
  }
  if (isRecord(json) && json.error !== undefined) throw errorInBody(provider, { message: String(json.error) });
  throw protocolFailure(provider, 'answered text-to-image with JSON instead of an image');
}
