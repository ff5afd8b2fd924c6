import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

export const API_KEY_USAGE =
  'Usage: api-key create --tenant <tenant> [--scopes a,b] [--types sleep,data_import] [--name <label>] | list [--tenant <tenant>] | revoke <id>';

/** A command line `npm run api-key` cannot run; the message names the problem and the usage. */
export class ApiKeyUsageError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'api_key_usage';

  constructor(problem: string) {
    super(`${problem} ${API_KEY_USAGE}`);
  }
}
