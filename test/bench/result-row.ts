/** A figure as the table shows it; a null value prints as "n/a". */
export interface Reading {
  value: number | null;
  unit: string;
  /** Decimals to print (default 0). */
  digits?: number;
}

/**
 * What the platform should reach: a ratio to its anchor (platform / anchor, higher is
 * better), or a ceiling for the platform's own figure (in its unit, lower is better).
 * `basis` names where a target comes from when it is not the platform's own choice, e.g.
 * what BullMQ's documentation expects; the table prints it after the verdict.
 */
export type Target = ({ atLeastRatio: number } | { atMost: number }) & { basis?: string };

/** One line of the bench's table. */
export interface ResultRow {
  measure: string;
  platform: Reading;
  /** What the same work costs without the platform; null when there is nothing to compare. */
  anchor: Reading | null;
  target: Target | null;
}
