import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';
import { ALL_SCOPES } from './scope';

export class UnknownScopeError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'scope_unknown';

  constructor(readonly scope: string) {
    super(
      `Unknown scope ${JSON.stringify(scope.slice(0, 80))}. Known scopes: ${ALL_SCOPES.join(', ')}.`,
    );
  }
}
