/**
 * class-validator messages in the platform's words; `$property` and `$value` are
 * filled in by class-validator, the `payload.` prefix by validatePayload.
 */
export const integerFrom = (min: number, max: number) => ({
  message: `$property must be an integer from ${min} to ${max}, got $value.`,
});

export const textUpTo = (maxLength: number) => ({
  message: `$property must be a string of at most ${maxLength} characters.`,
});
