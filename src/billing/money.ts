/**
 * Money is bigint nano-USD (1e-9 USD) everywhere. Prices are nano-USD per million units, so a
 * per-token price below one nano-USD (anything under $0.001 per million tokens) stays an exact integer.
 */
export const NANO_PER_USD = 1_000_000_000n;
const UNITS_PER_PRICE = 1_000_000n;

/** Parses a decimal USD string ("0.50", "1.5e-7" is refused) into nano-USD, exactly. */
export function usdToNano(usd: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,9}))?$/.exec(usd.trim());
  if (!match) throw new RangeError(`Not a non-negative USD amount with at most 9 decimals: ${usd}`);
  const whole = BigInt(match[1]!);
  const fraction = BigInt((match[2] ?? '').padEnd(9, '0'));
  return whole * NANO_PER_USD + fraction;
}

/** `cost_usd` as shown in JSON: exactly nano / 1e9, the nearest double to that decimal. */
export function nanoToUsdNumber(nano: bigint): number {
  const whole = nano / NANO_PER_USD;
  const fraction = (nano % NANO_PER_USD).toString().padStart(9, '0');
  return Number(`${whole}.${fraction}`);
}

/** JSON has no bigint; nano-USD amounts are sent as JSON numbers, which are exact below 2^53 (~$9M). */
export function nanoToJson(nano: bigint): number {
  if (nano > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('nano-USD amount exceeds JSON number precision');
  return Number(nano);
}

export interface UnitPrices {
  inputNanoUsdPerMillion: bigint;
  outputNanoUsdPerMillion: bigint;
  cacheReadNanoUsdPerMillion: bigint;
  cacheWriteNanoUsdPerMillion: bigint;
  imageNanoUsdPerMillion: bigint;
}

export interface BillableUnits {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  images?: number;
}

/**
 * One ceiling division over the exact sum, so rounding happens once per request and always in
 * the provider's favour by less than one nano-USD; an optional markup applies before it.
 */
export function computeCostNanoUsd(units: BillableUnits, prices: UnitPrices, markupBasisPoints = 0): bigint {
  const sum =
    BigInt(units.inputTokens) * prices.inputNanoUsdPerMillion +
    BigInt(units.outputTokens) * prices.outputNanoUsdPerMillion +
    BigInt(units.cacheReadTokens ?? 0) * prices.cacheReadNanoUsdPerMillion +
    BigInt(units.cacheWriteTokens ?? 0) * prices.cacheWriteNanoUsdPerMillion +
    BigInt(units.images ?? 0) * prices.imageNanoUsdPerMillion;
  const numerator = sum * BigInt(10_000 + markupBasisPoints);
  const denominator = UNITS_PER_PRICE * 10_000n;
  return (numerator + denominator - 1n) / denominator;
}
