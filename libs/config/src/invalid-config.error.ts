import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** Start-up configuration that breaks a rule; the message names the variable and the rule. */
export class InvalidConfigError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'invalid_config';

  constructor(
    readonly variable: string,
    readonly rule: string,
  ) {
    super(`Invalid configuration: ${rule}`);
  }
}
