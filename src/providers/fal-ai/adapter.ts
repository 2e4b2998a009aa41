import { emptyUsage, UpstreamError, type CallOptions, type ImageRequest, type ImageResult, type ProviderAdapter } from '../spec/index.js';
import { imageOnlyChat } from '../image-only-chat.js';
import { pathOnOrigin, pauseBeforePoll, readOutputImage } from '../poll-and-download.js';
import type { ProviderOptions } from '../provider-options.js';
import { createUpstreamPool } from '../upstream-pool.js';
import { parseFalImages, parseQueuedRequest, parseQueueStatus, toFalInput } from './fal-queue.js';

export const falBaseUrl = 'https://queue.fal.run';

export interface FalAdapterOptions extends ProviderOptions {
  /** Wait between two status polls. */
  pollIntervalMs?: number;
  /** Status polls before giving up; with the defaults, about two minutes. */
  maxPolls?: number;
}

/**
 * fal's queue API, for text-to-image only: submit to `POST /<model>`, poll `status_url` until
 * `COMPLETED`, read the result at `response_url`, then download the images it links to.
 */
export function createFalAdapter(options: FalAdapterOptions): ProviderAdapter {
  const id = 'fal-ai';
  const baseUrl = new URL(options.baseUrl ?? falBaseUrl);
  const prefix = baseUrl.pathname.replace(/\/+$/, '');
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const maxPolls = options.maxPolls ?? 240;
  // fal's own scheme; HF's router takes `Bearer hf_…` and swaps it for this one.
  const headers = { ...options.headers, authorization: `Key ${options.apiKey}` };
  const upstream = createUpstreamPool({ id, origin: baseUrl.origin, headers });

  async function generateImage(request: ImageRequest, callOptions: CallOptions): Promise<ImageResult> {
    const { signal } = callOptions;
    const submitted = await upstream.postJson(`${prefix}/${request.model}`, toFalInput(request), { stream: false, signal });
    const queued = parseQueuedRequest(await upstream.readText(submitted, signal), id);
    await waitUntilCompleted(pathOnOrigin(queued.statusUrl, baseUrl, id, 'status'), signal);
    const answer = await upstream.get(pathOnOrigin(queued.responseUrl, baseUrl, id, 'response'), { signal });
    const result = parseFalImages(await upstream.readText(answer, signal), id);
    const images = await Promise.all(result.links.map((link) => readOutputImage(link, baseUrl, upstream, id, signal)));
    return { images, usage: { ...emptyUsage(), images: images.length, raw: result.raw } };
  }

  // Cancelling is a PUT, which the shared pool does not speak; an abandoned request finishes and is billed.
  async function waitUntilCompleted(statusPath: string, signal: AbortSignal): Promise<void> {
    for (let polls = 0; ; polls++) {
      const answer = await upstream.get(statusPath, { signal });
      if (parseQueueStatus(await upstream.readText(answer, signal), id) === 'COMPLETED') return;
      if (polls + 1 === maxPolls) {
        throw new UpstreamError({ provider: id, kind: 'timeout', message: `${id} request did not complete after ${maxPolls} polls` });
      }
      await pauseBeforePoll(pollIntervalMs, id, signal);
    }
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
