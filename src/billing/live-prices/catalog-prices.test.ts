import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decimalText, parseOpenRouterCatalog, parseTogetherCatalog, scaleDecimal } from './catalog-prices.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

describe('catalog prices', () => {
  it('scales decimal text exactly, rounding up only past the last kept digit', () => {
    expect(scaleDecimal('0.00000015', 15)).toBe(150_000_000n);
    expect(scaleDecimal('0.000000015', 15)).toBe(15_000_000n);
    expect(scaleDecimal('0.0000000000000001', 15)).toBe(1n);
    expect(scaleDecimal('0.18', 9)).toBe(180_000_000n);
    expect(scaleDecimal('-1', 15)).toBeUndefined();
    expect(scaleDecimal('abc', 15)).toBeUndefined();
    expect(decimalText(1e-7)).toBe('0.0000001');
  });

  it("reads OpenRouter's per-token prices into nano-USD per million, skipping variable ones", () => {
    const prices = parseOpenRouterCatalog(fixture('openrouter-models.json'));
    expect(prices.get('openai/gpt-4o-mini')).toEqual({
      inputNanoUsdPerMillion: 150_000_000n,
      outputNanoUsdPerMillion: 600_000_000n,
      cacheReadNanoUsdPerMillion: 75_000_000n,
      cacheWriteNanoUsdPerMillion: 150_000_000n,
    });
    expect(prices.get('anthropic/claude-3.5-haiku')?.cacheWriteNanoUsdPerMillion).toBe(1_000_000_000n);
    expect(prices.has('openrouter/auto')).toBe(false);
  });

  it("reads Together's per-million prices for chat and embedding models only", () => {
    const prices = parseTogetherCatalog(fixture('together-models.json'));
    expect(prices.get('meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo')?.inputNanoUsdPerMillion).toBe(180_000_000n);
    expect(prices.get('BAAI/bge-base-en-v1.5')?.inputNanoUsdPerMillion).toBe(8_000_000n);
    expect(prices.has('black-forest-labs/FLUX.1-schnell')).toBe(false);
  });
});
