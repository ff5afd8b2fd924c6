import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

export class MalformedJobIdError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'malformed_job_id';

  constructor(id: string) {
    super(
      `Job id "${id.slice(0, 80)}" is malformed: job ids are UUIDs as returned by POST /create-jobs.`,
    );
  }
}
