import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** A schedule the scheduler cannot run; stops start-up naming the schedule and the problem. */
export class InvalidScheduleError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'invalid_schedule';

  constructor(
    /** The schedule's name in quotes, or the file entry. */
    readonly where: string,
    /** What is wrong, as a sentence. */
    readonly problem: string,
  ) {
    super(`Invalid schedule ${where}: ${problem}`);
  }
}
