import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultControls } from '../../src/simulator/fault-controls.js';
import { isRecord } from '../../src/simulator/simulated-answer.js';
import { createSimulatedFiles } from './simulated-files.js';
import { drawImage } from '../../src/simulator/simulated-image.js';
import { sendBody, sendJson, sendMalformedJson } from '../../src/simulator/write-response.js';

const FILE_PREFIX = '/replicate-files/';
const MAX_SIDE = 1024;
/** How many polls a prediction stays unfinished; without it, `Prefer: wait` answers it finished. */
export const PENDING_POLLS_HEADER = 'x-simulator-pending-polls';

interface StoredPrediction {
  body: Record<string, unknown>;
  pollsLeft: number;
  output: string[];
}

/**
 * Replicate's predictions API: `POST /v1/models/{owner}/{name}/predictions` (or `/v1/predictions`
 * with a version), `GET /v1/predictions/{id}`, `POST /v1/predictions/{id}/cancel`, and the
 * generated files by link. Errors are problem+json `{title, detail, status}`.
 */
export function createReplicateRoutes(apiKey: string | undefined) {
  const predictions = new Map<string, StoredPrediction>();
  const files = createSimulatedFiles();

  return function handle(request: IncomingMessage, response: ServerResponse, body: Buffer, controls: FaultControls): boolean {
    const path = request.url?.split('?', 1)[0] ?? '';
    const create = /^\/v1\/models\/[^/]+\/[^/]+\/predictions$/.test(path) || path === '/v1/predictions';
    const existing = /^\/v1\/predictions\/([a-z0-9]+)(\/cancel)?$/.exec(path);
    const file = request.method === 'GET' && path.startsWith(FILE_PREFIX);
    if (!create && !existing && !file) return false;
    const fail = (status: number, title: string, detail: string, retryAfter?: string) => {
      const text = JSON.stringify({ title, detail, status });
      sendBody(response, status, 'application/problem+json', text, controls, retryAfter);
      return true;
    };
    if (controls.problem !== undefined) return fail(400, 'Bad request', controls.problem);
    // File links work without the key, like replicate.delivery's.
    if (!file && apiKey !== undefined && request.headers.authorization !== `Bearer ${apiKey}`) {
      return fail(401, 'Unauthenticated', 'You did not pass a valid authentication token');
    }
    if (controls.status !== undefined) return fail(controls.status, 'Simulated error', `Simulated error (HTTP ${controls.status})`, controls.retryAfter);
    if (controls.fail === 'malformed-json' && !file) {
      sendMalformedJson(response);
      return true;
    }
    const origin = `http://${request.headers.host}`;
    const answer = (status: number, prediction: StoredPrediction) => {
      sendJson(response, status, JSON.stringify(prediction.body), controls);
      return true;
    };

    if (file) {
      const png = files.get(path.slice(FILE_PREFIX.length).replace(/\.png$/, ''));
      if (png === undefined) return fail(404, 'Not found', 'No such file; it may have expired.');
      sendBody(response, 200, 'image/png', png, controls);
      return true;
    }
    if (existing) {
      const prediction = predictions.get(existing[1] as string);
      if (prediction === undefined) return fail(404, 'Not found', 'The requested resource could not be found.');
      if (existing[2] !== undefined) {
        if (request.method !== 'POST') return fail(405, 'Method not allowed', 'Use POST to cancel.');
        if (prediction.body.status !== 'succeeded') Object.assign(prediction.body, { status: 'canceled' });
        return answer(200, prediction);
      }
      if (request.method !== 'GET') return fail(405, 'Method not allowed', 'Use GET to read a prediction.');
      if (prediction.body.status === 'starting' || prediction.body.status === 'processing') {
        prediction.pollsLeft -= 1;
        Object.assign(prediction.body, prediction.pollsLeft > 0 ? { status: 'processing' } : { status: 'succeeded', output: prediction.output });
      }
      return answer(200, prediction);
    }
    if (request.method !== 'POST') return fail(405, 'Method not allowed', 'Use POST to create a prediction.');
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      return fail(400, 'Invalid JSON', 'The request body is not valid JSON.');
    }
    const input = isRecord(payload) && isRecord(payload.input) ? payload.input : undefined;
    if (input === undefined || typeof input.prompt !== 'string' || input.prompt === '') {
      return fail(422, 'Input validation failed', '- input.prompt: prompt is required\n');
    }
    const count = input.num_outputs ?? 1;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 4) {
      return fail(422, 'Input validation failed', '- input.num_outputs: Must be less than or equal to 4\n');
    }
    const width = side(input.width);
    const height = side(input.height);
    if (width === undefined || height === undefined)
      return fail(422, 'Input validation failed', `- input.width, input.height: Must be from 1 to ${MAX_SIDE}\n`);
    const seed = typeof input.seed === 'number' ? input.seed : 0;
    const id = randomBytes(13).toString('hex').slice(0, 26);
    const output = Array.from(
      { length: count },
      (_, index) => `${origin}${FILE_PREFIX}${files.store(drawImage(input.prompt as string, seed, index, width, height))}.png`,
    );
    const pendingHeader = Number(request.headers[PENDING_POLLS_HEADER]);
    const pollsLeft = Number.isInteger(pendingHeader) && pendingHeader > 0 ? pendingHeader : String(request.headers.prefer ?? '').startsWith('wait') ? 0 : 1;
    const model = isRecord(payload) && typeof payload.version === 'string' ? 'simulator/versioned' : path.split('/').slice(3, 5).join('/');
    const prediction: StoredPrediction = {
      pollsLeft,
      output,
      body: {
        id,
        model,
        version: 'simulator',
        input,
        logs: '',
        output: pollsLeft === 0 ? output : null,
        error: null,
        status: pollsLeft === 0 ? 'succeeded' : 'starting',
        created_at: new Date().toISOString(),
        urls: { get: `${origin}/v1/predictions/${id}`, cancel: `${origin}/v1/predictions/${id}/cancel`, web: `https://replicate.com/p/${id}` },
        metrics: { image_count: count, predict_time: 0.001 },
      },
    };
    predictions.set(id, prediction);
    if (predictions.size > 256) predictions.delete(predictions.keys().next().value as string);
    return answer(201, prediction);
  };
}

function side(value: unknown): number | undefined {
  if (value === undefined || value === null) return 64;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_SIDE ? value : undefined;
}
