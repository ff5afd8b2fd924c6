import type { JobState } from '../api-types.js';

/**
 * How `jobs` ends, so that a script can tell the outcomes apart. `wait` and `follow` end with
 * the job's outcome; every other command with `ok` or `error`.
 */
export const EXIT_CODE = {
  /** The command did what it was asked; for `wait` and `follow`, the job completed. */
  ok: 0,
  /** Bad usage (an unknown command or option, an invalid value) or the API refused or failed. */
  error: 1,
  /** The job failed. */
  failed: 2,
  /** The job was cancelled. */
  cancelled: 3,
  /** `wait --timeout` passed before the job finished. */
  timedOut: 4,
} as const;

export type ExitCode = (typeof EXIT_CODE)[keyof typeof EXIT_CODE];

/** The exit code for a job that reached `status`, a final one. */
export function exitCodeForOutcome(status: JobState): ExitCode {
  if (status === 'failed') {
    return EXIT_CODE.failed;
  }
  return status === 'cancelled' ? EXIT_CODE.cancelled : EXIT_CODE.ok;
}
