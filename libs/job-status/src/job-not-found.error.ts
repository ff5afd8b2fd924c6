import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

export class JobNotFoundError extends PlatformError {
  readonly category = ERROR_CATEGORIES.notFound;
  readonly code = 'job_not_found';

  constructor(readonly jobId: string) {
    super(`Job ${jobId} does not exist (or has been deleted).`);
  }
}
