import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

export class UnknownJobTypeError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'unknown_job_type';

  constructor(
    readonly type: unknown,
    knownTypes: readonly string[],
  ) {
    super(`Unknown job type ${JSON.stringify(type)}. Known types: ${knownTypes.join(', ')}.`);
  }
}
