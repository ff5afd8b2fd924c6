/**
 * The platform's queues in serving order: a worker that serves several starts work
 * from an earlier one before a later one (RQ's semantics).
 */
export const QUEUE_NAMES = ['high', 'default', 'low'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const isQueueName = (name: string): name is QueueName =>
  (QUEUE_NAMES as readonly string[]).includes(name);
