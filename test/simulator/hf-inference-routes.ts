import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultControls } from '../../src/simulator/fault-controls.js';
import { chatCompletionBody, chatCompletionEvents, type ResponseIdentity } from '../../src/simulator/openai-wire.js';
import { answerChat, isRecord, positiveNumber } from '../../src/simulator/simulated-answer.js';
import { embedText } from '../../src/simulator/simulated-embedding.js';
import { drawImage } from '../../src/simulator/simulated-image.js';
import { sendBody, sendEvents, sendJson, sendMalformedJson } from '../../src/simulator/write-response.js';

export interface HfInferenceRouteOptions {
  apiKey: string | undefined;
  completionTokens: number;
  streamChunks: number;
  identity(prefix: string, model: string): ResponseIdentity;
}

const MAX_SIDE = 1024;

/**
 * HF Inference's per-model routes: TGI's Messages API (`/models/{id}/v1/chat/completions`),
 * feature-extraction (`/models/{id}/pipeline/feature-extraction`, nested float arrays) and
 * text-to-image (`/models/{id}`, raw PNG bytes). Errors are HF's `{"error": "…"}`.
 */
export function createHfInferenceRoutes(options: HfInferenceRouteOptions) {
  return function handle(request: IncomingMessage, response: ServerResponse, body: Buffer, controls: FaultControls): boolean {
    const path = request.url?.split('?', 1)[0] ?? '';
    if (!path.startsWith('/models/')) return false;
    const fail = (status: number, error: string, retryAfter?: string) => sendJson(response, status, JSON.stringify({ error }), controls, retryAfter);
    if (controls.problem !== undefined) return done(fail(400, controls.problem));
    if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`) {
      return done(fail(401, 'Invalid credentials in Authorization header'));
    }
    if (controls.status !== undefined) return done(fail(controls.status, `Simulated error (HTTP ${controls.status})`, controls.retryAfter));
    if (request.method !== 'POST') return done(fail(405, 'Method Not Allowed'));
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      return done(fail(400, 'Failed to deserialize the JSON body into the target type'));
    }
    if (!isRecord(payload)) return done(fail(422, 'Failed to deserialize the JSON body into the target type'));
    if (controls.fail === 'malformed-json') return done(sendMalformedJson(response));

    const chatMatch = /^\/models\/(.+)\/v1\/chat\/completions$/.exec(path);
    if (chatMatch) {
      if (!Array.isArray(payload.messages) || payload.messages.length === 0) return done(fail(422, 'Input validation error: `messages` must not be empty'));
      const answer = answerChat(payload, options.completionTokens);
      const identity = options.identity('', decodeURIComponent(chatMatch[1] as string));
      const includeUsage = isRecord(payload.stream_options) && payload.stream_options.include_usage === true;
      if (payload.stream === true) return done(sendEvents(response, chatCompletionEvents(identity, answer, options.streamChunks, includeUsage), controls));
      return done(sendJson(response, 200, chatCompletionBody(identity, answer), controls));
    }
    if (path.endsWith('/pipeline/feature-extraction')) {
      const inputs = payload.inputs;
      const texts = typeof inputs === 'string' ? [inputs] : Array.isArray(inputs) && inputs.every((text) => typeof text === 'string') ? inputs : undefined;
      if (texts === undefined || texts.length === 0) return done(fail(422, 'Input validation error: `inputs` must be a string or a list of strings'));
      const dimensions = positiveNumber(payload.dimensions);
      const vectors = texts.map((text) => embedText(text, dimensions));
      return done(sendJson(response, 200, JSON.stringify(typeof inputs === 'string' ? vectors[0] : vectors), controls));
    }
    // Anything else under /models/{id} is the model's own task; the simulator's models all draw.
    if (typeof payload.inputs !== 'string' || payload.inputs === '') return done(fail(400, 'Input validation error: `inputs` must be a non-empty string'));
    const parameters = isRecord(payload.parameters) ? payload.parameters : {};
    const width = side(parameters.width);
    const height = side(parameters.height);
    if (width === undefined || height === undefined) return done(fail(422, `Input validation error: width and height must be from 1 to ${MAX_SIDE}`));
    const seed = typeof parameters.seed === 'number' ? parameters.seed : 0;
    return done(sendBody(response, 200, 'image/png', drawImage(payload.inputs, seed, 0, width, height), controls));
  };
}

function side(value: unknown): number | undefined {
  if (value === undefined || value === null) return 64;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_SIDE ? value : undefined;
}

const done = (_: void) => true;
