import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

export class UnknownScheduleError extends PlatformError {
  readonly category = ERROR_CATEGORIES.notFound;
  readonly code = 'unknown_schedule';

  constructor(name: string, known: readonly string[]) {
    super(`Schedule "${name}" does not exist. Schedules: ${known.join(', ') || '(none)'}.`);
  }
}
