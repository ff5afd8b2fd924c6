/** The entries of a comma-separated list, trimmed, empty ones dropped. */
export const listEntries = (value: string): string[] =>
  value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
