import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** Redis refused or did not answer a pause or resume: the queue is as it was. */
export class QueueControlUnavailableError extends PlatformError {
  readonly category = ERROR_CATEGORIES.unavailable;
  readonly code = 'queue_control_unavailable';

  constructor(
    readonly queue: string,
    readonly action: 'pause' | 'resume' | 'read',
    reason: string,
  ) {
    super(
      `Could not ${action === 'read' ? 'read whether' : action} queue ${queue}` +
        `${action === 'read' ? ' is paused' : ''}: Redis is unavailable (${reason}). ` +
        'Nothing changed; try again once Redis answers.',
    );
  }
}
