import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';
import { QUEUE_NAMES } from './queue-names';

export class UnknownQueueError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;

  constructor(
    readonly queue: string,
    where = 'queue',
  ) {
    super(`${where} "${queue}" is not a queue. Known queues: ${QUEUE_NAMES.join(', ')}.`);
  }
}
