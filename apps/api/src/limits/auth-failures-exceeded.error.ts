import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';
import type { RetryLater } from '../http/retry-later';

/** An address that sent too many requests without valid credentials this minute. */
export class AuthFailuresExceededError extends PlatformError implements RetryLater {
  readonly category = ERROR_CATEGORIES.limited;
  readonly code = 'auth_failures_exceeded';

  constructor(
    readonly address: string,
    readonly perMinute: number,
    /** ms until the address's window ends. */
    readonly retryAfterMs: number,
  ) {
    super(
      `Too many requests without valid credentials from ${address}: at most ${perMinute} a ` +
        `minute (AUTH_FAILURES_PER_MINUTE); retry in ${Math.ceil(retryAfterMs / 1000)} s.`,
    );
  }
}
