import { InvalidConfigError } from '@lib/config';
import type { QueueName } from './queue-names';
import { isQueueName } from './queue-names';
import { UnknownQueueError } from './unknown-queue.error';

/**
 * WORKER_QUEUE_CONCURRENCY checked: the most slots each named queue may take in a worker.
 * @throws UnknownQueueError for a name that is no queue, InvalidConfigError for 0 slots
 */
export function queueSlotCaps(
  entries: ReadonlyArray<{ queue: string; slots: number }>,
): Map<QueueName, number> {
  const caps = new Map<QueueName, number>();
  for (const { queue, slots } of entries) {
    if (!isQueueName(queue)) {
      throw new UnknownQueueError(queue, 'Invalid configuration: WORKER_QUEUE_CONCURRENCY entry');
    }
    if (slots < 1) {
      throw new InvalidConfigError(
        'WORKER_QUEUE_CONCURRENCY',
        `WORKER_QUEUE_CONCURRENCY gives queue ${queue} ${slots} slots: give it at least 1, ` +
          `or leave ${queue} out of WORKER_QUEUES.`,
      );
    }
    caps.set(queue, slots);
  }
  return caps;
}
