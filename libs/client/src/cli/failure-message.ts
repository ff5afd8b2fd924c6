import { ApiError } from '../api-errors.js';

/**
 * One line naming what went wrong, for stderr: the API's own message when it answered, the
 * URL and the remedy when it could not be reached.
 */
export function failureMessage(error: unknown, url: string): string {
  if (error instanceof ApiError) {
    return `${error.message} (HTTP ${error.status}${error.code === undefined ? '' : `, ${error.code}`})`;
  }
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `The API at ${url} did not answer in time; check that it is up (--url or JOBS_URL).`;
  }
  // fetch reports a refused connection or an unknown host as a TypeError with the cause.
  const cause =
    error instanceof TypeError ? (error.cause as Partial<Error> & { code?: string }) : undefined;
  if (cause !== undefined) {
    return `Cannot reach the API at ${url} (--url or JOBS_URL): ${cause.code ?? cause.message}.`;
  }
  return error instanceof Error ? error.message : String(error);
}
