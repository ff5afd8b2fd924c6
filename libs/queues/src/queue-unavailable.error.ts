import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** Redis refused or did not answer a hand-off; the job stays recorded as not dispatched. */
export class QueueUnavailableError extends PlatformError {
  readonly category = ERROR_CATEGORIES.unavailable;

  constructor(
    readonly jobId: string,
    reason: string,
  ) {
    super(
      `Job ${jobId} is recorded but could not be queued: Redis is unavailable (${reason}). ` +
        'It stays recorded as not dispatched; retry the request with the same idempotency_key.',
    );
  }
}
