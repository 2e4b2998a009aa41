import { describe, expect, it } from 'vitest';
import type { PriceRow } from '../db/database.js';
import { PriceBook } from './price-book.js';

const row = (id: number, provider: string, effectiveFrom: string, input: bigint): PriceRow => ({
  id: BigInt(id),
  model: 'm',
  provider,
  input_nano_usd_per_million: input,
  output_nano_usd_per_million: 0n,
  cache_read_nano_usd_per_million: 0n,
  cache_write_nano_usd_per_million: 0n,
  image_nano_usd_per_million: 0n,
  effective_from: new Date(effectiveFrom),
  source: 'test',
});

describe('PriceBook.lookup', () => {
  const book = new PriceBook();
  book.replace([row(1, '*', '2026-01-01', 10n), row(2, 'p', '2026-06-01', 20n), row(3, 'p', '2027-01-01', 30n), row(4, '*', '2026-09-01', 11n)]);

  it("takes the newest version in effect, the provider's own before the `*` one", () => {
    expect(book.lookup('m', 'p', new Date('2026-10-01'))?.id).toBe(2n);
    expect(book.lookup('m', 'q', new Date('2026-10-01'))?.id).toBe(4n);
    expect(book.lookup('m', 'q', new Date('2026-03-01'))?.id).toBe(1n);
    expect(book.lookup('m', 'p', new Date('2026-03-01'))?.id).toBe(1n);
    expect(book.lookup('m', 'p', new Date('2027-02-01'))?.id).toBe(3n);
  });

  it('knows no price before the first version or for an unknown model', () => {
    expect(book.lookup('m', 'p', new Date('2025-01-01'))).toBeUndefined();
    expect(book.lookup('other', 'p')).toBeUndefined();
  });
});
