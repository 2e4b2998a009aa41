import { crc32, inflateSync } from 'node:zlib';

export interface DecodedPng {
  width: number;
  height: number;
  /** The chunk types in order, e.g. `['IHDR', 'IDAT', 'IEND']`. */
  chunks: string[];
  /** RGB bytes, row by row (filter bytes removed; only filter type 0 is understood). */
  rgb: Buffer;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A strict reader for the PNGs the simulator writes (8-bit RGB, unfiltered rows): it checks the
 * signature and every chunk's CRC and inflates the pixels, so a test fails on any broken byte.
 */
export function readPng(bytes: Buffer): DecodedPng {
  if (!bytes.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG signature');
  const chunks: string[] = [];
  const idat: Buffer[] = [];
  let width = 0;
  let height = 0;
  for (let offset = 8; offset < bytes.length;) {
    const length = bytes.readUInt32BE(offset);
    const typeAndData = bytes.subarray(offset + 4, offset + 8 + length);
    const type = typeAndData.subarray(0, 4).toString('latin1');
    const data = typeAndData.subarray(4);
    if (bytes.readUInt32BE(offset + 8 + length) !== crc32(typeAndData)) throw new Error(`bad CRC in ${type}`);
    chunks.push(type);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 2) throw new Error('expected 8-bit RGB');
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const scanlines = inflateSync(Buffer.concat(idat));
  const stride = width * 3;
  if (scanlines.length !== (stride + 1) * height) throw new Error('IDAT does not hold width x height pixels');
  const rgb = Buffer.alloc(stride * height);
  for (let row = 0; row < height; row++) {
    if (scanlines[row * (stride + 1)] !== 0) throw new Error('unexpected filter type');
    scanlines.copy(rgb, row * stride, row * (stride + 1) + 1, (row + 1) * (stride + 1));
  }
  return { width, height, chunks, rgb };
}
