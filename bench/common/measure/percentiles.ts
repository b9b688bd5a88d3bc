/**
 * The q-quantile (0..1) of values sorted ascending, interpolating linearly
 * between the two nearest ranks; undefined for no values.
 */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.min(1, Math.max(0, q)) * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (rank - below);
}

/** p50 and p99 of unsorted samples (copied, then sorted). */
export function p50p99(samples: readonly number[]): { p50: number | undefined; p99: number | undefined } {
  const sorted = Float64Array.from(samples).sort();
  return { p50: quantileOfSorted(sorted, 0.5), p99: quantileOfSorted(sorted, 0.99) };
}
