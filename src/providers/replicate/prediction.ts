import { protocolFailure } from '../classify-failure.js';
import { isRecord } from '../json.js';
import { parseJsonObject } from '../parse-json-object.js';
import { redactSecrets, UpstreamError, type ImageRequest } from '../spec/index.js';

export type PredictionStatus = 'starting' | 'processing' | 'succeeded' | 'failed' | 'canceled' | 'aborted';

/** The parts of a Replicate prediction object the adapter acts on. */
export interface Prediction {
  id: string;
  status: PredictionStatus;
  /** Image links (or `data:` URIs) once succeeded; a model answers one string or a list. */
  output: string[];
  error: string | undefined;
  getUrl: unknown;
  cancelUrl: unknown;
  /** `predict_time` and friends: kept as the usage's raw value. */
  metrics: unknown;
}

const TERMINAL = new Set<PredictionStatus>(['succeeded', 'failed', 'canceled', 'aborted']);
export const isFinished = (prediction: Prediction) => TERMINAL.has(prediction.status);

/**
 * `input` for the predictions API. Every model declares its own inputs (flux-schnell takes
 * `aspect_ratio`, SDXL takes `width`/`height`); the common names are sent and a model ignores
 * the ones it does not declare.
 */
export function toPredictionInput(request: ImageRequest): Record<string, unknown> {
  const input: Record<string, unknown> = { prompt: request.prompt };
  if (request.width !== undefined) input.width = request.width;
  if (request.height !== undefined) input.height = request.height;
  if (request.count !== undefined) input.num_outputs = request.count;
  if (request.seed !== undefined) input.seed = request.seed;
  if (request.steps !== undefined) input.num_inference_steps = request.steps;
  if (request.guidanceScale !== undefined) input.guidance_scale = request.guidanceScale;
  if (request.negativePrompt !== undefined) input.negative_prompt = request.negativePrompt;
  return input;
}

export function parsePrediction(bodyText: string, provider: string): Prediction {
  const body = parseJsonObject(bodyText, provider);
  if (typeof body.id !== 'string' || typeof body.status !== 'string') throw protocolFailure(provider, 'answered a prediction without id or status');
  const status = body.status as PredictionStatus;
  const urls = isRecord(body.urls) ? body.urls : {};
  const output = body.output === null || body.output === undefined ? [] : Array.isArray(body.output) ? body.output : [body.output];
  if (!output.every((item): item is string => typeof item === 'string')) throw protocolFailure(provider, 'answered an output that is not image links');
  return {
    id: body.id,
    status,
    output,
    error: typeof body.error === 'string' ? body.error : undefined,
    getUrl: urls.get,
    cancelUrl: urls.cancel,
    metrics: body.metrics ?? null,
  };
}

/**
 * A prediction that ended without images. Not retryable: the model itself refused or crashed on
 * this input (safety filter, invalid input), and every run is billed, so trying again is the
 * caller's choice. 502 because the upstream accepted the call and then failed it.
 */
export function predictionFailure(provider: string, prediction: Prediction): UpstreamError {
  const upstreamMessage = prediction.error;
  return new UpstreamError({
    provider,
    kind: 'http',
    status: 502,
    isRetryable: false,
    message: `${provider} prediction ${prediction.status}${upstreamMessage === undefined ? '' : `: ${redactSecrets(upstreamMessage)}`}`,
    ...(upstreamMessage === undefined ? {} : { upstreamMessage }),
  });
}
