import { QUEUE_NAMES, isQueueName } from './queue-names';
import type { QueueName } from './queue-names';
import { UnknownQueueError } from './unknown-queue.error';

/**
 * The queues a worker serves, checked and put in serving order whatever order
 * WORKER_QUEUES lists them in.
 * @throws UnknownQueueError naming WORKER_QUEUES
 */
export function servedQueues(names: readonly string[]): QueueName[] {
  for (const name of names) {
    if (!isQueueName(name)) {
      throw new UnknownQueueError(name, 'Invalid configuration: WORKER_QUEUES entry');
    }
  }
  return QUEUE_NAMES.filter((name) => names.includes(name));
}
