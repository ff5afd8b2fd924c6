import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** Fastify's router reads at most this many characters of one path parameter (its default). */
export const MAX_PATH_PARAMETER_LENGTH = 100;

/**
 * A path segment too long for any parameter: no job id (a UUID, 36 characters) or
 * schedule name is that long, so it is a malformed request rather than a missing job.
 */
export class PathParameterTooLongError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'path_parameter_too_long';

  constructor(readonly length: number) {
    super(
      `A path segment of ${length} characters is longer than the ${MAX_PATH_PARAMETER_LENGTH} ` +
        `the API reads: a job id is a UUID of 36 characters (see job_id in the create answer).`,
    );
  }
}
