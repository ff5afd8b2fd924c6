/**
 * What kind of failure an error is, independent of transport: the API maps each
 * category to one HTTP status in a single exception filter.
 */
export const ERROR_CATEGORIES = {
  invalidInput: 'invalid_input',
  notFound: 'not_found',
  conflict: 'conflict',
  unavailable: 'unavailable',
} as const;
export type ErrorCategory = (typeof ERROR_CATEGORIES)[keyof typeof ERROR_CATEGORIES];

/** Base of every error the platform raises on purpose; its message says what to do. */
export abstract class PlatformError extends Error {
  abstract readonly category: ErrorCategory;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
