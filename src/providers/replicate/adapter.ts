import { emptyUsage, UpstreamError, type CallOptions, type ImageRequest, type ImageResult, type ProviderAdapter } from '../spec/index.js';
import { protocolFailure } from '../classify-failure.js';
import type { ProviderOptions } from '../provider-options.js';
import { createUpstreamPool, type UpstreamPool } from '../upstream-pool.js';
import { imageOnlyChat } from '../image-only-chat.js';
import { pathOnOrigin, pauseBeforePoll, readOutputImage } from '../poll-and-download.js';
import { isFinished, parsePrediction, predictionFailure, toPredictionInput, type Prediction } from './prediction.js';

export const replicateBaseUrl = 'https://api.replicate.com';

export interface ReplicateAdapterOptions extends ProviderOptions {
  /** Wait between two polls of an unfinished prediction. */
  pollIntervalMs?: number;
  /** Polls before giving up (and cancelling the prediction); with the defaults, about two minutes. */
  maxPolls?: number;
}

/**
 * Replicate's predictions API, for text-to-image only. `Prefer: wait` asks Replicate to hold
 * the answer until the prediction finishes (up to 60 s), so most calls need no polling; a slow
 * one is polled at `urls.get` until it succeeds, fails or is cancelled.
 */
export function createReplicateAdapter(options: ReplicateAdapterOptions): ProviderAdapter {
  const id = 'replicate';
  const baseUrl = new URL(options.baseUrl ?? replicateBaseUrl);
  const prefix = baseUrl.pathname.replace(/\/+$/, '');
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const maxPolls = options.maxPolls ?? 120;
  // `Prefer` is ignored on the GET polls, so one header set serves every call.
  const headers = { ...options.headers, authorization: `Bearer ${options.apiKey}`, prefer: 'wait' };
  const upstream = createUpstreamPool({ id, origin: baseUrl.origin, headers });

  async function generateImage(request: ImageRequest, callOptions: CallOptions): Promise<ImageResult> {
    const { signal } = callOptions;
    const prediction = await waitForPrediction(await createPrediction(request, signal), signal);
    if (prediction.status !== 'succeeded') throw predictionFailure(id, prediction);
    if (prediction.output.length === 0) throw protocolFailure(id, 'answered a succeeded prediction without output');
    const images = await Promise.all(prediction.output.map((link) => readOutputImage(link, baseUrl, upstream, id, signal)));
    return { images, usage: { ...emptyUsage(), images: images.length, raw: prediction.metrics } };
  }

  async function createPrediction(request: ImageRequest, signal: AbortSignal): Promise<Prediction> {
    // `owner/name:version` pins a version (community models have no "latest" endpoint).
    const [model, version] = request.model.split(':', 2) as [string, string | undefined];
    const input = toPredictionInput(request);
    const [path, body] = version === undefined ? [`${prefix}/v1/models/${model}/predictions`, { input }] : [`${prefix}/v1/predictions`, { version, input }];
    const answer = await upstream.postJson(path, body, { stream: false, signal });
    return parsePrediction(await upstream.readText(answer, signal), id);
  }

  async function waitForPrediction(first: Prediction, signal: AbortSignal): Promise<Prediction> {
    let prediction = first;
    try {
      for (let polls = 0; !isFinished(prediction); polls++) {
        if (polls === maxPolls) {
          throw new UpstreamError({ provider: id, kind: 'timeout', message: `${id} prediction did not finish after ${maxPolls} polls` });
        }
        await pauseBeforePoll(pollIntervalMs, id, signal);
        const answer = await upstream.get(pathOnOrigin(prediction.getUrl, baseUrl, id, 'prediction'), { signal });
        prediction = parsePrediction(await upstream.readText(answer, signal), id);
      }
    } catch (error) {
      if (!isFinished(prediction)) cancel(upstream, prediction, baseUrl, id);
      throw error;
    }
    return prediction;
  }

  return {
    id,
    ...imageOnlyChat(id),
    generateImage,
    async close() {
      await upstream.close();
    },
  };
}

/** Best effort, in the background: an abandoned prediction keeps running, and billing, until cancelled. */
function cancel(upstream: UpstreamPool, prediction: Prediction, baseUrl: URL, provider: string): void {
  const signal = AbortSignal.timeout(5_000);
  void (async () => {
    const answer = await upstream.postJson(pathOnOrigin(prediction.cancelUrl, baseUrl, provider, 'cancel'), {}, { stream: false, signal });
    await upstream.readText(answer, signal);
  })().catch(() => undefined);
}
