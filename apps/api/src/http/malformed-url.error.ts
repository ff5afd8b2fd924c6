import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** A URL whose path Fastify cannot decode: a "%" not followed by a UTF-8 byte in hex. */
export class MalformedUrlError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'malformed_url';

  constructor(readonly url: string) {
    super(
      `URL ${JSON.stringify(url.slice(0, 200))} is not valid percent-encoding: write "%" as %25, ` +
        `and other characters as the hex of their UTF-8 bytes (é as %C3%A9).`,
    );
  }
}
