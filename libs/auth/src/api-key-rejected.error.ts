import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** One answer for an unknown and a revoked key: a caller learns nothing about other keys. */
export class ApiKeyRejectedError extends PlatformError {
  readonly category = ERROR_CATEGORIES.unauthenticated;
  readonly code = 'api_key_invalid';

  constructor() {
    super(
      'The API key in the Authorization header is unknown or revoked: send "Authorization: Bearer <token>" with a current key.',
    );
  }
}
