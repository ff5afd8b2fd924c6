import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/**
 * Redis refused or did not answer a pause or a resume. Postgres has recorded it: recovery
 * applies it in Redis once Redis answers (see QueuePauseSync).
 */
export class QueueControlUnavailableError extends PlatformError {
  readonly category = ERROR_CATEGORIES.unavailable;
  readonly code = 'queue_control_unavailable';

  constructor(
    readonly queue: string,
    readonly action: 'pause' | 'resume' | 'read',
    reason: string,
  ) {
    super(
      action === 'read'
        ? `Could not read whether queue ${queue} is paused: Redis is unavailable (${reason}).`
        : `Queue ${queue} is recorded as ${action === 'pause' ? 'paused' : 'resumed'} in ` +
            `Postgres, but Redis is unavailable (${reason}): it is ${action}d there once Redis answers.`,
    );
  }
}
