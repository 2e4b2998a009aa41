/**
 * Finds a quoted span in a text: exactly first, then ignoring case, then without the quote's
 * surrounding punctuation (models like to add a full stop). Offsets are UTF-16 code units, as
 * JavaScript and HF's clients count them.
 */
export function locate(text: string, quote: string, from: number): { start: number; end: number } | undefined {
  for (const candidate of new Set([quote, quote.trim(), quote.trim().replace(/^["'“”‘’(]+|["'“”‘’).,;:!?]+$/g, '')])) {
    if (!candidate) continue;
    const exact = text.indexOf(candidate, from);
    if (exact >= 0) return { start: exact, end: exact + candidate.length };
    const folded = text.toLowerCase().indexOf(candidate.toLowerCase(), from);
    if (folded >= 0) return { start: folded, end: folded + candidate.length };
  }
  return undefined;
}
