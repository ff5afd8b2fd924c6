/** Why an attempt failed, as stored in `job_statuses.error` and returned by the API. */
export interface JobError {
  message: string;
  /** True when retrying cannot help (bad payload, missing table, stalled too often). */
  permanent: boolean;
  /** The error's class name, e.g. `PermanentJobError`, `TransientJobError`, `StalledJobError`. */
  name: string;
  /** The attempt (1-based) that failed. */
  attempt: number;
  /** ISO-8601 time of the failure. */
  at: string;
}
