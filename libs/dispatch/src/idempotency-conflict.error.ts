import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

export class IdempotencyConflictError extends PlatformError {
  readonly category = ERROR_CATEGORIES.conflict;
  readonly code = 'idempotency_conflict';

  constructor(
    readonly idempotencyKey: string,
    readonly existingJobId: string,
  ) {
    super(
      `idempotency_key "${idempotencyKey}" was already used by job ${existingJobId} for a different ` +
        'request. Send the same request to get that job back, or use a new key.',
    );
  }
}
