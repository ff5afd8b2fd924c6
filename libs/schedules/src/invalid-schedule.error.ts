import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** A schedule the scheduler cannot run; stops start-up naming the schedule and the problem. */
export class InvalidScheduleError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'invalid_schedule';

  constructor(where: string, problem: string) {
    super(`Invalid schedule ${where}: ${problem}`);
  }
}
