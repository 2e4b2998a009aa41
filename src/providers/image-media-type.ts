import type { ImageResult } from './spec/index.js';

export type ImageMediaType = ImageResult['images'][number]['mediaType'];

/**
 * The format of image bytes, read from their magic numbers: upstreams label images poorly
 * (Together answers JPEG by default whatever the file is called), and the bytes never lie.
 */
export function detectImageMediaType(bytes: Buffer): ImageMediaType | undefined {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.readUInt32BE(4) === 0x0d0a1a0a) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}
