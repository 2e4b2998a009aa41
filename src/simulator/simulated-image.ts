import { encodePng } from './png.js';
import { stableHash } from './stable-hash.js';

/**
 * A deterministic picture for a prompt: a diagonal gradient between two colors with a disc in
 * a third, all picked from a hash of the prompt, the seed and the image's position in the
 * batch. The same request draws the same PNG; a different prompt or seed draws another.
 */
export function drawImage(prompt: string, seed: number, index: number, width: number, height: number): Buffer {
  const hash = stableHash(`${prompt}\u0000${seed}\u0000${index}`);
  const from = color(hash);
  const to = color(stableHash('to', hash));
  const disc = color(stableHash('disc', hash));
  const centerX = (((hash >>> 8) & 0xff) / 255) * width;
  const centerY = (((hash >>> 16) & 0xff) / 255) * height;
  const radiusSquared = (Math.min(width, height) / 4) ** 2;
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const offset = (y * width + x) * 3;
      if ((x - centerX) ** 2 + (y - centerY) ** 2 <= radiusSquared) {
        rgb.set(disc, offset);
        continue;
      }
      const share = (x + y) / Math.max(1, width + height - 2);
      for (let channel = 0; channel < 3; channel++) {
        rgb[offset + channel] = Math.round(from[channel]! + (to[channel]! - from[channel]!) * share);
      }
    }
  }
  return encodePng(width, height, rgb);
}

function color(hash: number): [number, number, number] {
  return [hash & 0xff, (hash >>> 8) & 0xff, (hash >>> 16) & 0xff];
}
