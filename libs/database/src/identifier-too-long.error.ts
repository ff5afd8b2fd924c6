import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** An identifier past Postgres's limit would be truncated silently, so it is refused. */
export class IdentifierTooLongError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'identifier_too_long';

  constructor(identifier: string, maxBytes: number) {
    super(
      `Identifier "${identifier.slice(0, 80)}" is ${Buffer.byteLength(identifier, 'utf8')} bytes; ` +
        `Postgres identifiers are at most ${maxBytes} bytes.`,
    );
  }
}
