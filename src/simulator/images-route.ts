import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InvalidParameter } from './embeddings-route.js';
import type { FaultControls } from './fault-controls.js';
import { countWords } from './simulated-answer.js';
import { drawImage } from './simulated-image.js';
import { sendBody, sendError, sendJson } from './write-response.js';

// Real models draw 1024x1024; the simulator keeps its pictures small so tests and benchmarks stay fast.
const DEFAULT_SIZE = 64;
const MAX_SIDE = 1024;
const MAX_IMAGES = 10;
/** Images served back by URL; the oldest is forgotten first, like an expiring signed URL. */
const STORED_IMAGES = 64;
export const IMAGE_FILE_PREFIX = '/v1/files/images/';

export interface ImagesRoute {
  /** `POST /v1/images/generations`. */
  generate(request: IncomingMessage, payload: Record<string, unknown>, response: ServerResponse, controls: FaultControls, invalid: InvalidParameter): void;
  /** `GET /v1/files/images/<id>.png`: an image generated with `response_format: "url"`. */
  serveFile(path: string, response: ServerResponse, controls: FaultControls): void;
}

/**
 * OpenAI's image generation with real, deterministic PNGs (see `drawImage`). `b64_json` is the
 * default, as for OpenAI's current `gpt-image` models; `url` answers a link back to this server.
 */
export function createImagesRoute(fallbackOrigin: () => string): ImagesRoute {
  const stored = new Map<string, Buffer>();

  function store(png: Buffer): string {
    const id = randomBytes(12).toString('hex');
    stored.set(id, png);
    if (stored.size > STORED_IMAGES) stored.delete(stored.keys().next().value as string);
    return id;
  }

  return {
    generate(request, payload, response, controls, invalid) {
      if (typeof payload.prompt !== 'string' || payload.prompt === '') {
        return invalid("Missing required parameter: 'prompt'.", 'prompt', 'missing_required_parameter');
      }
      const count = payload.n ?? 1;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_IMAGES) {
        return invalid(`Invalid value for 'n': expected an integer from 1 to ${MAX_IMAGES}.`, 'n', 'invalid_value');
      }
      const size = readSize(payload.size);
      if (size === undefined) {
        return invalid(`Invalid value for 'size': expected 'auto' or 'WIDTHxHEIGHT' with sides from 1 to ${MAX_SIDE}.`, 'size', 'invalid_value');
      }
      const format = payload.response_format ?? 'b64_json';
      if (format !== 'b64_json' && format !== 'url') {
        return invalid("Invalid value for 'response_format': expected one of 'url' or 'b64_json'.", 'response_format', 'invalid_value');
      }
      const seed = typeof payload.seed === 'number' && Number.isFinite(payload.seed) ? payload.seed : 0;
      // Reached as the client reached us, so the link works through port mappings and proxies.
      const origin = request.headers.host ? `http://${request.headers.host}` : fallbackOrigin();
      const data = Array.from({ length: count }, (_, index) => {
        const png = drawImage(payload.prompt as string, seed, index, size.width, size.height);
        return format === 'url' ? { url: `${origin}${IMAGE_FILE_PREFIX}${store(png)}.png` } : { b64_json: png.toString('base64') };
      });
      const promptTokens = countWords(payload.prompt);
      const usage = {
        total_tokens: promptTokens,
        input_tokens: promptTokens,
        output_tokens: 0,
        input_tokens_details: { text_tokens: promptTokens, image_tokens: 0 },
      };
      const body = { created: Math.floor(Date.now() / 1000), data, size: `${size.width}x${size.height}`, output_format: 'png', usage };
      sendJson(response, 200, JSON.stringify(body), controls);
    },

    serveFile(path, response, controls) {
      const match = /^([0-9a-f]+)\.png$/.exec(path.slice(IMAGE_FILE_PREFIX.length));
      const png = match ? stored.get(match[1] as string) : undefined;
      if (png === undefined) {
        return sendError(response, 404, { message: 'No such image; it may have expired.', type: 'invalid_request_error', code: null }, controls);
      }
      sendBody(response, 200, 'image/png', png, controls);
    },
  };
}

function readSize(value: unknown): { width: number; height: number } | undefined {
  if (value === undefined || value === null || value === 'auto') return { width: DEFAULT_SIZE, height: DEFAULT_SIZE };
  const match = typeof value === 'string' ? /^(\d{1,4})x(\d{1,4})$/.exec(value) : null;
  if (match === null) return undefined;
  const width = Number(match[1]);
  const height = Number(match[2]);
  return width >= 1 && height >= 1 && width <= MAX_SIDE && height <= MAX_SIDE ? { width, height } : undefined;
}
