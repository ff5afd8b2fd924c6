import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

export class ApiKeyRequiredError extends PlatformError {
  readonly category = ERROR_CATEGORIES.unauthenticated;
  readonly code = 'api_key_required';

  constructor() {
    super(
      'This endpoint needs an API key: send "Authorization: Bearer <token>" (create one with npm run -s api-key -- create --tenant <tenant>).',
    );
  }
}
