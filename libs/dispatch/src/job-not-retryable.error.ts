import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

export class JobNotRetryableError extends PlatformError {
  readonly category = ERROR_CATEGORIES.conflict;
  readonly code = 'job_not_retryable';

  constructor(
    readonly jobId: string,
    readonly status: string,
  ) {
    super(`Job ${jobId} is ${status}: only a failed or cancelled job can be retried.`);
  }
}
