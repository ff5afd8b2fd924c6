import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

export class InvalidAuditCursorError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'invalid_cursor';

  constructor(cursor: string) {
    super(
      `cursor "${cursor.slice(0, 40)}" is not a cursor returned by GET /audit-log (next_cursor).`,
    );
  }
}
