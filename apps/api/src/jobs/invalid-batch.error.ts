import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** A `{"jobs": […]}` body whose shape is wrong as a whole, before any job is read. */
export class InvalidBatchError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'invalid_batch';
}
