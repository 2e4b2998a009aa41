/**
 * Prices read from providers' model catalogs, converted exactly into nano-USD per million units.
 * Catalogs publish decimals (OpenRouter: USD per token as strings; Together: USD per million
 * tokens as JSON numbers); they are scaled as decimal text, never multiplied as floats.
 */
export interface CatalogPrice {
  inputNanoUsdPerMillion: bigint;
  outputNanoUsdPerMillion: bigint;
  cacheReadNanoUsdPerMillion: bigint;
  cacheWriteNanoUsdPerMillion: bigint;
}

/** `value × 10^exponent` as an integer, rounded up; undefined for negative or malformed text. */
export function scaleDecimal(text: string, exponent: number): bigint | undefined {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  const digits = BigInt(match[1]! + fraction.padEnd(exponent, '0').slice(0, exponent));
  const rest = fraction.slice(exponent);
  return /[1-9]/.test(rest) ? digits + 1n : digits;
}

/** A JSON number as plain decimal text (JSON numbers may arrive as 1e-7). */
export function decimalText(value: number): string {
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** OpenRouter `GET /api/v1/models`: `data[].pricing` in USD per token. Variable prices (-1) are skipped. */
export function parseOpenRouterCatalog(body: unknown): Map<string, CatalogPrice> {
  const prices = new Map<string, CatalogPrice>();
  const models = isRecord(body) && Array.isArray(body.data) ? body.data : [];
  for (const model of models) {
    if (!isRecord(model) || typeof model.id !== 'string' || !isRecord(model.pricing)) continue;
    const pricing = model.pricing;
    const perToken = (key: string) => (typeof pricing[key] === 'string' ? scaleDecimal(pricing[key], 15) : undefined);
    const input = perToken('prompt');
    const output = perToken('completion');
    if (input === undefined || output === undefined) continue;
    prices.set(model.id, {
      inputNanoUsdPerMillion: input,
      outputNanoUsdPerMillion: output,
      cacheReadNanoUsdPerMillion: perToken('input_cache_read') ?? input,
      cacheWriteNanoUsdPerMillion: perToken('input_cache_write') ?? input,
    });
  }
  return prices;
}

/** Together `GET /v1/models`: `pricing.input` / `pricing.output` in USD per million tokens (chat and embedding models). */
export function parseTogetherCatalog(body: unknown): Map<string, CatalogPrice> {
  const prices = new Map<string, CatalogPrice>();
  for (const model of Array.isArray(body) ? body : []) {
    if (!isRecord(model) || typeof model.id !== 'string' || !isRecord(model.pricing)) continue;
    if (model.type !== 'chat' && model.type !== 'language' && model.type !== 'embedding') continue;
    const { input, output } = model.pricing;
    if (typeof input !== 'number' || typeof output !== 'number') continue;
    const inputNano = scaleDecimal(decimalText(input), 9);
    const outputNano = scaleDecimal(decimalText(output), 9);
    if (inputNano === undefined || outputNano === undefined) continue;
    prices.set(model.id, {
      inputNanoUsdPerMillion: inputNano,
      outputNanoUsdPerMillion: outputNano,
      cacheReadNanoUsdPerMillion: inputNano,
      cacheWriteNanoUsdPerMillion: inputNano,
    });
  }
  return prices;
}
