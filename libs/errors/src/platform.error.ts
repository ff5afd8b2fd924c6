/**
 * What kind of failure an error is, independent of transport: the API maps each
 * category to one HTTP status in a single exception filter.
 */
export const ERROR_CATEGORIES = {
  invalidInput: 'invalid_input',
  notFound: 'not_found',
  conflict: 'conflict',
  unavailable: 'unavailable',
  /** No credentials, or credentials the platform does not know (or has revoked). */
  unauthenticated: 'unauthenticated',
  /** Known credentials that do not grant what was asked. */
  forbidden: 'forbidden',
  /** A quota or rate limit refuses the request for now. */
  limited: 'limited',
  /** Input larger than a size limit allows. */
  tooLarge: 'too_large',
} as const;
export type ErrorCategory = (typeof ERROR_CATEGORIES)[keyof typeof ERROR_CATEGORIES];

/** Base of every error the platform raises on purpose; its message says what to do. */
export abstract class PlatformError extends Error {
  abstract readonly category: ErrorCategory;
  /**
   * Stable snake_case name of this error (`unknown_job_type`), sent as the error body's
   * `code`: clients match on it, since messages may be reworded.
   */
  abstract readonly code: string;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
