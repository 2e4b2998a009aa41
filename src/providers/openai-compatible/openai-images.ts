import { emptyUsage, type ImageRequest, type Usage } from '../spec/index.js';
import { errorInBody, protocolFailure } from '../classify-failure.js';
import { isRecord } from '../json.js';
import { parseJsonObject } from '../parse-json-object.js';

/** One generated image as the upstream gave it: inline base64, or a link to fetch. */
export type ImageReference = { base64: string } | { url: string };

/**
 * The `/images/generations` body in OpenAI's shape: images inline (`b64_json`), `size` as
 * `WxH`. OpenAI's schema has no steps, guidance or negative prompt, so they are not sent;
 * providers that take them build their own body (`toImageBody`). With one side given, the
 * image is square.
 */
export function toOpenAIImageBody(request: ImageRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { model: request.model, prompt: request.prompt, response_format: 'b64_json' };
  if (request.count !== undefined) body.n = request.count;
  const width = request.width ?? request.height;
  const height = request.height ?? request.width;
  if (width !== undefined && height !== undefined) body.size = `${width}x${height}`;
  if (request.seed !== undefined) body.seed = request.seed;
  return body;
}

export interface ParsedImageResponse {
  images: ImageReference[];
  /** The upstream's `usage`, when it sent one (OpenAI's `gpt-image` models count tokens). */
  rawUsage: unknown;
}

export function parseImageResponse(bodyText: string, provider: string): ParsedImageResponse {
  const body = parseJsonObject(bodyText, provider);
  if (body.error !== undefined && body.error !== null) throw errorInBody(provider, body.error);
  if (!Array.isArray(body.data) || body.data.length === 0) throw protocolFailure(provider, 'answered without images in data');
  const images = body.data.map((item: unknown): ImageReference => {
    if (isRecord(item) && typeof item.b64_json === 'string' && item.b64_json !== '') return { base64: item.b64_json };
    if (isRecord(item) && typeof item.url === 'string' && item.url !== '') return { url: item.url };
    throw protocolFailure(provider, 'answered an image with neither b64_json nor url');
  });
  return { images, rawUsage: body.usage ?? null };
}

/** Images are billed by count; token counts are kept where the upstream reports them (`gpt-image`). */
export function normalizeImageUsage(raw: unknown, images: number): Usage {
  const details = isRecord(raw) ? raw : {};
  return { ...emptyUsage(), inputTokens: count(details.input_tokens), outputTokens: count(details.output_tokens), images, raw };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
