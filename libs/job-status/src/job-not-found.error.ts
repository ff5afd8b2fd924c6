import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

export class JobNotFoundError extends PlatformError {
  readonly category = ERROR_CATEGORIES.notFound;

  constructor(readonly jobId: string) {
    super(`Job ${jobId} does not exist (or has been deleted).`);
  }
}
