/** Largest request body accepted, in bytes; past it, 413. */
export const BODY_LIMIT_BYTES = 1_048_576;
