import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

export class JobAlreadyFinishedError extends PlatformError {
  readonly category = ERROR_CATEGORIES.conflict;
  readonly code = 'job_already_finished';

  constructor(
    readonly jobId: string,
    readonly status: string,
  ) {
    super(`Job ${jobId} is already ${status}: only a job that has not finished can be cancelled.`);
  }
}
