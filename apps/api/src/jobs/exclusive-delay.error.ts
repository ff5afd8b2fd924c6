import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

export class ExclusiveDelayError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'exclusive_delay';

  constructor() {
    super('delay_ms and run_at cannot both be given: use one to say when the job may start.');
  }
}
