import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** A redirect whose target the fetcher will not follow: not a URL, or not http(s). */
export class OutboundRedirectError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'outbound_bad_redirect';

  constructor(
    /** The URL that redirected, redacted. */
    readonly url: string,
  ) {
    super(`${url} redirected to a location that is not an http:// or https:// URL.`);
  }
}
