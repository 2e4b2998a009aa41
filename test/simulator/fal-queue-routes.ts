import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultControls } from '../../src/simulator/fault-controls.js';
import { PENDING_POLLS_HEADER } from './replicate-routes.js';
import { isRecord } from '../../src/simulator/simulated-answer.js';
import { createSimulatedFiles } from './simulated-files.js';
import { drawImage } from '../../src/simulator/simulated-image.js';
import { sendBody, sendJson, sendMalformedJson } from '../../src/simulator/write-response.js';

const FILE_PREFIX = '/fal-files/';
const MAX_SIDE = 1024;

interface QueuedRequest {
  pollsLeft: number;
  result: Record<string, unknown>;
}

/**
 * fal's queue API for `fal-ai/*` models: `POST /{model}` queues, `GET /{app}/requests/{id}/status`
 * reports `IN_QUEUE` / `IN_PROGRESS` / `COMPLETED`, `GET /{app}/requests/{id}` answers the
 * result, where `{app}` is the model's first two path segments, as on queue.fal.run. Auth is
 * `Authorization: Key <key>`; errors are `{detail}`.
 */
export function createFalQueueRoutes(apiKey: string | undefined) {
  const queued = new Map<string, QueuedRequest>();
  const files = createSimulatedFiles();

  return function handle(request: IncomingMessage, response: ServerResponse, body: Buffer, controls: FaultControls): boolean {
    const path = request.url?.split('?', 1)[0] ?? '';
    const file = request.method === 'GET' && path.startsWith(FILE_PREFIX);
    if (!path.startsWith('/fal-ai/') && !file) return false;
    const fail = (status: number, detail: unknown, retryAfter?: string) => {
      sendJson(response, status, JSON.stringify({ detail }), controls, retryAfter);
      return true;
    };
    const answer = (status: number, value: unknown) => {
      sendJson(response, status, JSON.stringify(value), controls);
      return true;
    };
    if (controls.problem !== undefined) return fail(400, controls.problem);
    if (!file && apiKey !== undefined && request.headers.authorization !== `Key ${apiKey}`) return fail(401, 'No user found for Key ID and Secret');
    if (controls.status !== undefined) return fail(controls.status, `Simulated error (HTTP ${controls.status})`, controls.retryAfter);
    if (controls.fail === 'malformed-json' && !file) {
      sendMalformedJson(response);
      return true;
    }
    if (file) {
      const png = files.get(path.slice(FILE_PREFIX.length).replace(/\.png$/, ''));
      if (png === undefined) return fail(404, 'File not found');
      sendBody(response, 200, 'image/png', png, controls);
      return true;
    }
    const origin = `http://${request.headers.host}`;
    const requestMatch = /^\/fal-ai\/[^/]+\/requests\/([0-9a-f-]+)(\/status|\/cancel)?$/.exec(path);
    if (requestMatch) {
      const entry = queued.get(requestMatch[1] as string);
      if (entry === undefined) return fail(404, 'Request not found');
      const responseUrl = `${origin}${path.replace(/\/(status|cancel)$/, '')}`;
      if (requestMatch[2] === '/cancel') return answer(request.method === 'PUT' ? 202 : 405, { status: 'CANCELLATION_REQUESTED' });
      if (requestMatch[2] === '/status') {
        if (entry.pollsLeft > 0) {
          entry.pollsLeft -= 1;
          return answer(
            202,
            entry.pollsLeft > 0
              ? { status: 'IN_QUEUE', queue_position: 0, response_url: responseUrl }
              : { status: 'IN_PROGRESS', logs: [], response_url: responseUrl },
          );
        }
        return answer(200, { status: 'COMPLETED', logs: null, response_url: responseUrl, metrics: { inference_time: 0.001 } });
      }
      if (entry.pollsLeft > 0) return fail(400, 'Request is still in progress');
      return answer(200, entry.result);
    }
    if (request.method !== 'POST') return fail(405, 'Method Not Allowed');
    let input: unknown;
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch {
      return fail(422, [{ loc: ['body'], msg: 'Invalid JSON', type: 'value_error.jsondecode' }]);
    }
    if (!isRecord(input) || typeof input.prompt !== 'string' || input.prompt === '') {
      return fail(422, [{ loc: ['body', 'prompt'], msg: 'field required', type: 'value_error.missing' }]);
    }
    const count = input.num_images ?? 1;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 4) {
      return fail(422, [{ loc: ['body', 'num_images'], msg: 'ensure this value is less than or equal to 4', type: 'value_error.number.not_le' }]);
    }
    const size = isRecord(input.image_size) ? input.image_size : {};
    const width = side(size.width);
    const height = side(size.height);
    if (width === undefined || height === undefined) {
      return fail(422, [{ loc: ['body', 'image_size'], msg: `width and height must be from 1 to ${MAX_SIDE}`, type: 'value_error' }]);
    }
    const seed = typeof input.seed === 'number' ? input.seed : 0;
    const images = Array.from({ length: count }, (_, index) => ({
      url: `${origin}${FILE_PREFIX}${files.store(drawImage(input.prompt as string, seed, index, width, height))}.png`,
      width,
      height,
      content_type: 'image/png',
    }));
    const id = randomUUID();
    const pendingHeader = Number(request.headers[PENDING_POLLS_HEADER]);
    queued.set(id, {
      pollsLeft: Number.isInteger(pendingHeader) && pendingHeader > 0 ? pendingHeader : 0,
      result: { images, timings: { inference: 0.001 }, seed, has_nsfw_concepts: images.map(() => false), prompt: input.prompt },
    });
    if (queued.size > 256) queued.delete(queued.keys().next().value as string);
    const app = path.split('/').slice(1, 3).join('/');
    const base = `${origin}/${app}/requests/${id}`;
    return answer(200, { request_id: id, response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel`, queue_position: 0 });
  };
}

function side(value: unknown): number | undefined {
  if (value === undefined || value === null) return 64;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_SIDE ? value : undefined;
}
