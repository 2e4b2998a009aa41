/** Nearest-rank percentile of an ascending array; NaN when it is empty. */
export function percentile(sortedAscending: readonly number[], rank: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const index = Math.min(sortedAscending.length - 1, Math.max(0, Math.ceil((rank / 100) * sortedAscending.length) - 1));
  return sortedAscending[index] as number;
}
