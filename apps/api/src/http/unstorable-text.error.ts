import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';
import { unstorableTextProblem } from '@lib/validation';

/** Text Postgres cannot store (a NUL, a lone surrogate), refused before anything is written. */
export class UnstorableTextError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'unstorable_text';

  /** @param path where the text is, e.g. `body.payload.message` */
  constructor(readonly path: string) {
    super(unstorableTextProblem(path));
  }
}
