import { describe, expect, it } from 'vitest';
import { computeCostNanoUsd, nanoToUsdNumber, usdToNano } from './money.js';

const gpt35 = {
  inputNanoUsdPerMillion: usdToNano('0.50'),
  outputNanoUsdPerMillion: usdToNano('1.50'),
  cacheReadNanoUsdPerMillion: 0n,
  cacheWriteNanoUsdPerMillion: 0n,
  imageNanoUsdPerMillion: 0n,
};

describe('money', () => {
  it('parses decimal USD exactly', () => {
    expect(usdToNano('0.50')).toBe(500_000_000n);
    expect(usdToNano('1.5')).toBe(1_500_000_000n);
    expect(usdToNano('0.000000001')).toBe(1n);
    expect(usdToNano('12')).toBe(12_000_000_000n);
    expect(() => usdToNano('-1')).toThrow(RangeError);
    expect(() => usdToNano('0.0000000001')).toThrow(RangeError);
    expect(() => usdToNano('1e-7')).toThrow(RangeError);
  });

  it('prices 100 input + 50 output gpt-3.5-turbo tokens at 125000 nano-USD', () => {
    expect(computeCostNanoUsd({ inputTokens: 100, outputTokens: 50 }, gpt35)).toBe(125_000n);
    expect(nanoToUsdNumber(125_000n)).toBe(0.000125);
  });

  it('rounds up once, never per token', () => {
    // $0.0005 per million tokens is half a nano-USD a token.
    const cheap = { ...gpt35, inputNanoUsdPerMillion: usdToNano('0.0005'), outputNanoUsdPerMillion: usdToNano('0.0005') };
    expect(computeCostNanoUsd({ inputTokens: 3, outputTokens: 0 }, cheap)).toBe(2n); // 1.5 -> 2
    expect(computeCostNanoUsd({ inputTokens: 1, outputTokens: 1 }, cheap)).toBe(1n); // 0.5 + 0.5, rounded once
    expect(computeCostNanoUsd({ inputTokens: 1000, outputTokens: 0 }, cheap)).toBe(500n);
    expect(computeCostNanoUsd({ inputTokens: 0, outputTokens: 0 }, cheap)).toBe(0n);
  });

  it('applies markup in basis points before the single rounding', () => {
    expect(computeCostNanoUsd({ inputTokens: 100, outputTokens: 50 }, gpt35, 1_000)).toBe(137_500n);
  });

  it('converts large amounts to USD without float drift', () => {
    expect(nanoToUsdNumber(500_000_000n)).toBe(0.5);
    expect(nanoToUsdNumber(123_456_789_012n)).toBe(123.456789012);
  });
});
