import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** Redis refused or did not answer a hand-off; the jobs stay recorded, waiting for it. */
export class QueueUnavailableError extends PlatformError {
  readonly category = ERROR_CATEGORIES.unavailable;
  readonly code = 'queue_unavailable';

  constructor(
    readonly jobIds: readonly string[],
    reason: string,
  ) {
    super(
      `Could not hand ${jobIds.length === 1 ? `job ${jobIds[0]}` : `${jobIds.length} jobs`} ` +
        `to Redis: it is unavailable (${reason}). They stay recorded in Postgres and are ` +
        'handed over once Redis answers.',
    );
  }
}
