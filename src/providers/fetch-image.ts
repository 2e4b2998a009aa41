import { request } from 'undici';
import type { UpstreamPool } from './upstream-pool.js';
import { acceptResponse } from './upstream-pool.js';
import { classifyFailure, protocolFailure } from './classify-failure.js';

// Generated images are a few MB at most; a bigger body is not an image we asked for.
const IMAGE_BYTES_LIMIT = 32 * 1024 * 1024;

/**
 * Downloads an image an upstream linked to instead of inlining it. A link on the upstream's own
 * origin goes through its pool (keep-alive, its headers); a link elsewhere (a storage bucket's
 * pre-signed URL) is fetched without any of the provider's headers, so its key never leaves it.
 */
export async function fetchImage(link: string, baseUrl: URL, upstream: UpstreamPool, provider: string, signal: AbortSignal): Promise<Buffer> {
  let url: URL;
  try {
    url = new URL(link, baseUrl);
  } catch (error) {
    throw protocolFailure(provider, 'answered an image URL that does not parse', error);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw protocolFailure(provider, 'answered an image URL that is not http(s)');
  let body;
  if (url.origin === baseUrl.origin) {
    body = await upstream.get(`${url.pathname}${url.search}`, { signal });
  } else {
    try {
      signal.throwIfAborted();
      body = await acceptResponse(await request(url, { method: 'GET', signal }), provider, signal);
    } catch (error) {
      throw classifyFailure(error, provider, signal);
    }
  }
  return readBounded(body as AsyncIterable<Buffer>, provider, signal);
}

async function readBounded(body: AsyncIterable<Buffer>, provider: string, signal: AbortSignal): Promise<Buffer> {
  const pieces: Buffer[] = [];
  let size = 0;
  try {
    for await (const piece of body) {
      size += piece.length;
      if (size > IMAGE_BYTES_LIMIT) throw protocolFailure(provider, `answered an image larger than ${IMAGE_BYTES_LIMIT} bytes`);
      pieces.push(piece);
    }
  } catch (error) {
    throw classifyFailure(error, provider, signal);
  }
  return Buffer.concat(pieces);
}
