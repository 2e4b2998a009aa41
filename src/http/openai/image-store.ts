import { randomUUID } from 'node:crypto';

export interface StoredImage {
  data: Buffer;
  mediaType: 'image/png' | 'image/jpeg' | 'image/webp';
}

const extensions: Record<StoredImage['mediaType'], string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/**
 * Generated images behind `response_format: "url"`, held in memory for `ttlMs` (OpenAI's links
 * last an hour) and within `maxBytes`: the oldest go first. Names are random UUIDs, so a link is
 * its own capability and the route serving it needs no key, like a pre-signed URL.
 */
export class ImageStore {
  private readonly images = new Map<string, StoredImage & { expiresAt: number; size: number }>();
  private bytes = 0;

  constructor(private readonly options: { ttlMs: number; maxBytes: number; now?: () => number }) {}

  /** Stores the image and answers its file name, `<uuid>.<ext>`. */
  put(image: StoredImage): string {
    const name = `${randomUUID()}.${extensions[image.mediaType]}`;
    this.evict(image.data.length);
    this.images.set(name, { ...image, expiresAt: this.now() + this.options.ttlMs, size: image.data.length });
    this.bytes += image.data.length;
    return name;
  }

  get(name: string): StoredImage | undefined {
    const image = this.images.get(name);
    if (!image || image.expiresAt <= this.now()) return undefined;
    return image;
  }

  /** Drops expired images, then the oldest until `incoming` more bytes fit. Insertion order is age order. */
  private evict(incoming: number): void {
    const now = this.now();
    for (const [name, image] of this.images) {
      if (image.expiresAt > now && this.bytes + incoming <= this.options.maxBytes) break;
      this.images.delete(name);
      this.bytes -= image.size;
    }
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
