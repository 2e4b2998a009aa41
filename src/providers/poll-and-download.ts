import { setTimeout as sleep } from 'node:timers/promises';
import { classifyFailure, protocolFailure } from './classify-failure.js';
import { fetchImage } from './fetch-image.js';
import { detectImageMediaType } from './image-media-type.js';
import type { ImageResult } from './spec/index.js';
import type { UpstreamPool } from './upstream-pool.js';

type Image = ImageResult['images'][number];

/**
 * One image a queue-style provider (Replicate, fal) produced: a link to download, or a `data:`
 * URI, which both return instead of a link when asked for synchronous output.
 */
export async function readOutputImage(link: string, baseUrl: URL, upstream: UpstreamPool, provider: string, signal: AbortSignal): Promise<Image> {
  const data = link.startsWith('data:') ? decodeDataUri(link, provider) : await fetchImage(link, baseUrl, upstream, provider, signal);
  const mediaType = detectImageMediaType(data);
  if (mediaType === undefined) throw protocolFailure(provider, 'answered an image that is not PNG, JPEG or WebP');
  return { data, mediaType };
}

function decodeDataUri(link: string, provider: string): Buffer {
  const comma = link.indexOf(',');
  if (comma === -1 || !link.slice(0, comma).endsWith(';base64')) throw protocolFailure(provider, 'answered a data URI that is not base64');
  return Buffer.from(link.slice(comma + 1), 'base64');
}

/**
 * A status URL the provider handed back, as a path on its own origin. Any other origin is
 * refused: polling sends the provider's key, which must never go anywhere else.
 */
export function pathOnOrigin(link: unknown, baseUrl: URL, provider: string, what: string): string {
  let url: URL;
  try {
    url = new URL(String(link), baseUrl);
  } catch (error) {
    throw protocolFailure(provider, `answered a ${what} URL that does not parse`, error);
  }
  if (typeof link !== 'string' || url.origin !== baseUrl.origin) throw protocolFailure(provider, `answered a ${what} URL outside its own origin`);
  return `${url.pathname}${url.search}`;
}

/** Waits between two polls; an abort ends the wait at once as an `aborted` error. */
export async function pauseBeforePoll(milliseconds: number, provider: string, signal: AbortSignal): Promise<void> {
  try {
    await sleep(milliseconds, undefined, { signal });
  } catch (error) {
    throw classifyFailure(error, provider, signal);
  }
}
