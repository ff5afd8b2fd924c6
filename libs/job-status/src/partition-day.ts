const DAY_MS = 24 * 60 * 60_000;

/** The bounds of one partition of job_statuses: a UTC day, `from` included, `to` not. */
export interface PartitionDay {
  from: Date;
  to: Date;
}

/** The partition of job_statuses that a row created at `at` lives in. */
export function partitionDayOf(at: Date): PartitionDay {
  const from = new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
  return { from, to: new Date(from.getTime() + DAY_MS) };
}
