import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** Options of a job request that break the rules of POST /create-jobs; each problem names one. */
export class InvalidJobOptionsError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'invalid_job_options';

  constructor(readonly problems: string[]) {
    super(problems.join(' '));
  }
}
