/** The middle value (the mean of the two middle ones for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  return percentile(values, 50);
}

/**
 * The value below which `p` percent of `values` fall, interpolated between the two
 * nearest ranks; null when empty.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) {
    return null;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
}

/** The smallest value (Math.min(...values) overflows the stack on long arrays). */
export const smallest = (values: readonly number[]) =>
  values.reduce((min, value) => Math.min(min, value), Number.POSITIVE_INFINITY);

/** The largest value. */
export const largest = (values: readonly number[]) =>
  values.reduce((max, value) => Math.max(max, value), Number.NEGATIVE_INFINITY);
