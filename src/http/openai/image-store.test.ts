import { describe, expect, it } from 'vitest';
import { ImageStore } from './image-store.js';

const image = (bytes: number) => ({ data: Buffer.alloc(bytes, 1), mediaType: 'image/png' as const });

describe('ImageStore', () => {
  it('names images with a random UUID and the extension of their type', () => {
    const store = new ImageStore({ ttlMs: 1_000, maxBytes: 1_000 });
    const png = store.put(image(10));
    const jpeg = store.put({ data: Buffer.alloc(10), mediaType: 'image/jpeg' });
    expect(png).toMatch(/^[0-9a-f-]{36}\.png$/);
    expect(jpeg).toMatch(/\.jpg$/);
    expect(store.get(png)?.data.length).toBe(10);
    expect(store.get('00000000-0000-4000-8000-000000000000.png')).toBeUndefined();
  });

  it('forgets an image once its time is up', () => {
    let now = 0;
    const store = new ImageStore({ ttlMs: 1_000, maxBytes: 1_000, now: () => now });
    const name = store.put(image(10));
    now = 999;
    expect(store.get(name)).toBeDefined();
    now = 1_000;
    expect(store.get(name)).toBeUndefined();
  });

  it('drops the oldest images to stay within its byte budget', () => {
    const store = new ImageStore({ ttlMs: 60_000, maxBytes: 250 });
    const [first, second, third] = [store.put(image(100)), store.put(image(100)), store.put(image(100))];
    expect(store.get(first!)).toBeUndefined();
    expect(store.get(second!)).toBeDefined();
    expect(store.get(third!)).toBeDefined();
  });
});
