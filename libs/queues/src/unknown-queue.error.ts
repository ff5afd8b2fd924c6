import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';
import { QUEUE_NAMES } from './queue-names';

export class UnknownQueueError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'unknown_queue';

  /** @param source what named the queue, e.g. `queue` or `WORKER_QUEUES entry` */
  constructor(
    readonly queue: string,
    source = 'queue',
  ) {
    super(`${source} "${queue}" is not a queue. Known queues: ${QUEUE_NAMES.join(', ')}.`);
  }
}
