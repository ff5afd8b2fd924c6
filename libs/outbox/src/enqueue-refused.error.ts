import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/**
 * jobs_enqueue() refused a request that passed the checks in TypeScript, e.g. a job type
 * this process knows but `job_types` does not yet (no app of the new version has started).
 * The message is Postgres's, `jobs_enqueue: …`.
 */
export class EnqueueRefusedError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'enqueue_refused';

  constructor(
    message: string,
    /** The SQLSTATE Postgres raised, `22023` for every refusal of jobs_enqueue(). */
    readonly sqlState: string,
  ) {
    super(message);
  }
}
