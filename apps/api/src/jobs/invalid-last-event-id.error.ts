import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** A Last-Event-ID header that is not an event id this API sent. */
export class InvalidLastEventIdError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'invalid_last_event_id';

  constructor(readonly given: string) {
    super(
      `Last-Event-ID must be the id of an event this stream sent (a whole number from 1), ` +
        `got ${JSON.stringify(given.slice(0, 80))}: resend the last id received, or omit ` +
        `the header to start from the current status.`,
    );
  }
}
