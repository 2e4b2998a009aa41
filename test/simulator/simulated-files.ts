import { randomBytes } from 'node:crypto';

/**
 * Generated images kept for download by link, as Replicate's and fal's CDNs serve them; the
 * oldest is forgotten first, like an expiring signed URL.
 */
export function createSimulatedFiles(limit = 64) {
  const stored = new Map<string, Buffer>();
  return {
    store(png: Buffer): string {
      const id = randomBytes(12).toString('hex');
      stored.set(id, png);
      if (stored.size > limit) stored.delete(stored.keys().next().value as string);
      return id;
    },
    get: (id: string) => stored.get(id),
  };
}
