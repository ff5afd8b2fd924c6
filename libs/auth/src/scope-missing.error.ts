import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';
import type { Scope } from './scope';

export class ScopeMissingError extends PlatformError {
  readonly category = ERROR_CATEGORIES.forbidden;
  readonly code = 'scope_missing';

  constructor(readonly scope: Scope) {
    super(
      `This API key lacks the scope "${scope}" this endpoint needs: use a key created with --scopes including ${scope}.`,
    );
  }
}
