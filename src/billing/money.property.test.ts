import { describe, expect, it } from 'vitest';
import { computeCostNanoUsd, usdToNano, type UnitPrices } from './money.js';

// Property tests of the cost math against an independent exact computation: prices as random
// decimal USD strings per million units (including sub-nano per-token prices), random counts, and
// the definition of a ceiling instead of the formula: cost * 1e6 * 1e4 >= exact and
// (cost - 1) * 1e6 * 1e4 < exact, where exact is the sum in units of 1e-9 USD / 1e6 / 1e4.
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function decimalUsd(next: () => number): string {
  const whole = Math.floor(next() ** 3 * 100);
  const digits = Math.floor(next() * 10);
  const fraction = Array.from({ length: digits }, () => Math.floor(next() * 10)).join('');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** nano-USD per million units from a decimal USD string, by digit arithmetic (not usdToNano). */
function nanoPerMillion(usd: string): bigint {
  const [whole, fraction = ''] = usd.split('.');
  return BigInt(whole!) * 1_000_000_000n + BigInt((fraction + '000000000').slice(0, 9));
}

describe('computeCostNanoUsd', () => {
  it('is the exact ceiling of the sum, for 5,000 random requests and prices', () => {
    const next = random(20261201);
    for (let case_ = 0; case_ < 5_000; case_++) {
      const usd = Array.from({ length: 5 }, () => decimalUsd(next));
      const prices: UnitPrices = {
        inputNanoUsdPerMillion: usdToNano(usd[0]!),
        outputNanoUsdPerMillion: usdToNano(usd[1]!),
        cacheReadNanoUsdPerMillion: usdToNano(usd[2]!),
        cacheWriteNanoUsdPerMillion: usdToNano(usd[3]!),
        imageNanoUsdPerMillion: usdToNano(usd[4]!),
      };
      expect(usd.map(nanoPerMillion)).toEqual(Object.values(prices));
      const units = [0, 1, 2, 3, 4].map(() => Math.floor(next() ** 2 * 2_000_000));
      const markup = next() < 0.5 ? 0 : Math.floor(next() * 5_000);
      const cost = computeCostNanoUsd(
        { inputTokens: units[0]!, outputTokens: units[1]!, cacheReadTokens: units[2]!, cacheWriteTokens: units[3]!, images: units[4]! },
        prices,
        markup,
      );
      const exact = units.reduce((sum, count, index) => sum + BigInt(count) * nanoPerMillion(usd[index]!), 0n) * BigInt(10_000 + markup);
      const scale = 1_000_000n * 10_000n;
      expect(cost * scale >= exact).toBe(true);
      expect((cost - 1n) * scale < exact || cost === 0n).toBe(true);
    }
  });

  it('keeps sub-nano per-token prices exact: a million tokens at $0.000000001 (1 nano-USD) per million cost 1 nano-USD', () => {
    const tiny = usdToNano('0.000000001'); // 10^-6 nano-USD per token
    const prices = {
      inputNanoUsdPerMillion: tiny,
      outputNanoUsdPerMillion: 0n,
      cacheReadNanoUsdPerMillion: 0n,
      cacheWriteNanoUsdPerMillion: 0n,
      imageNanoUsdPerMillion: 0n,
    };
    expect(computeCostNanoUsd({ inputTokens: 1_000_000, outputTokens: 0 }, prices)).toBe(1n);
    expect(computeCostNanoUsd({ inputTokens: 1, outputTokens: 0 }, prices)).toBe(1n); // rounded up, once
    expect(computeCostNanoUsd({ inputTokens: 0, outputTokens: 0 }, prices)).toBe(0n);
  });
});
