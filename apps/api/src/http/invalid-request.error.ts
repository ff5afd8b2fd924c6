import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/**
 * A request that breaks the rules of its DTO (a field missing, unknown or out of range):
 * one sentence per problem, joined into one message.
 */
export class InvalidRequestError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'invalid_request';

  constructor(readonly problems: readonly string[]) {
    super(problems.map(sentence).join(' '));
  }
}

// class-validator's default messages ("property colour should not exist") end without a stop.
const sentence = (problem: string): string => (/[.!?]$/.test(problem) ? problem : `${problem}.`);
