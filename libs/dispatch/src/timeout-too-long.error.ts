import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

export class TimeoutTooLongError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;

  constructor(timeoutMs: number, maxTimeoutMs: number) {
    super(`timeout_ms must be at most ${maxTimeoutMs} (JOB_MAX_TIMEOUT_MS), got ${timeoutMs}.`);
  }
}
