import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOR_TYPE_RGB = 2;

/**
 * Encodes 8-bit RGB pixels (`width * height * 3` bytes, row by row) as a PNG: signature, IHDR,
 * one zlib-compressed IDAT and IEND, each chunk with its CRC, so any image library opens it.
 */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  if (rgb.length !== width * height * 3) throw new RangeError('rgb must hold width * height * 3 bytes');
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  // Bit depth 8, RGB, deflate compression, adaptive filtering, no interlace.
  header.set([8, COLOR_TYPE_RGB, 0, 0, 0], 8);
  // Every scanline starts with its filter type; 0 (None) keeps the encoder trivial.
  const stride = width * 3;
  const scanlines = Buffer.alloc((stride + 1) * height);
  for (let row = 0; row < height; row++) scanlines.set(rgb.subarray(row * stride, (row + 1) * stride), row * (stride + 1) + 1);
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(scanlines)), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const framed = Buffer.alloc(typeAndData.length + 8);
  framed.writeUInt32BE(data.length, 0);
  typeAndData.copy(framed, 4);
  // The CRC covers the chunk type and data, not the length.
  framed.writeUInt32BE(crc32(typeAndData), typeAndData.length + 4);
  return framed;
}
