import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** A chain of redirects longer than the fetcher follows: the source is misconfigured. */
export class TooManyRedirectsError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'outbound_too_many_redirects';

  constructor(
    /** The first URL, redacted. */
    readonly url: string,
    readonly limit: number,
  ) {
    super(
      `${url} redirected more than ${limit} times, the most an outbound request follows; ` +
        'point the URL at the final location.',
    );
  }
}
