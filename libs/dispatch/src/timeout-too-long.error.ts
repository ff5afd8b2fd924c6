import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

export class TimeoutTooLongError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'timeout_too_long';

  constructor(timeoutMs: number, maxTimeoutMs: number) {
    super(`timeout_ms must be at most ${maxTimeoutMs} (JOB_MAX_TIMEOUT_MS), got ${timeoutMs}.`);
  }
}
