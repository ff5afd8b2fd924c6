import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** A payload that breaks its job type's rules; each problem names the field and the rule. */
export class InvalidPayloadError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'invalid_payload';

  constructor(readonly problems: string[]) {
    super(problems.join(' '));
  }
}
