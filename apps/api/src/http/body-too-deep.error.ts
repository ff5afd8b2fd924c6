import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** A JSON body nested deeper than the API reads (see MAX_JSON_DEPTH). */
export class BodyTooDeepError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'body_too_deep';

  constructor(readonly maxDepth: number) {
    super(
      `Request body is nested more than ${maxDepth} levels deep (objects and arrays within ` +
        `each other); the API reads at most ${maxDepth}: send a flatter document.`,
    );
  }
}
