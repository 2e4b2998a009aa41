// Money is integer nano-USD (1 USD = 1e9) as BigInt, never a float.

const nanoPerUsd = 1_000_000_000n;

/** "$1.234567" from nano-USD, exact; at least two decimals, trailing zeros dropped beyond. */
export function formatUsd(nano) {
  const value = BigInt(nano);
  const sign = value < 0n ? '-' : '';
  const magnitude = value < 0n ? -value : value;
  const whole = magnitude / nanoPerUsd;
  let fraction = (magnitude % nanoPerUsd).toString().padStart(9, '0').replace(/0+$/, '');
  if (fraction.length < 2) fraction = fraction.padEnd(2, '0');
  return `${sign}$${whole.toLocaleString('en-US')}.${fraction}`;
}

/** Nano-USD from a decimal USD text ("1.5", "-0.000000001"); undefined for an empty text. */
export function parseUsd(text) {
  const trimmed = String(text ?? '').trim();
  if (trimmed === '') return undefined;
  const match = /^(-?)(\d*)(?:\.(\d{0,9}))?$/.exec(trimmed);
  if (!match || (match[2] === '' && !match[3])) throw new Error(`"${trimmed}" is not an amount in USD (at most 9 decimals).`);
  const nano = BigInt(match[2] || '0') * nanoPerUsd + BigInt((match[3] ?? '').padEnd(9, '0'));
  return match[1] === '-' ? -nano : nano;
}
