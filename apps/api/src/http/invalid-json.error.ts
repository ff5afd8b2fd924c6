import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** A body sent as JSON that JSON.parse refuses. */
export class InvalidJsonError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'invalid_json';

  /** @param reason JSON.parse's own words, e.g. `Unexpected end of JSON input` */
  constructor(reason: string) {
    super(
      `Request body is not valid JSON (${reason}): send one JSON document with content-type application/json.`,
    );
  }
}
