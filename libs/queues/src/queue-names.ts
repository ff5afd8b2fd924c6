/**
 * The platform's queues in serving order: a worker that serves several starts work
 * from an earlier one before a later one (RQ's semantics). `etl` holds the long imports,
 * last so that they never delay interactive work, and so that a worker can be given to it alone.
 * `webhooks` carries webhook deliveries, on worker slots of their own (WEBHOOK_CONCURRENCY).
 */
export const QUEUE_NAMES = ['high', 'default', 'low', 'etl', 'webhooks'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const isQueueName = (name: string): name is QueueName =>
  (QUEUE_NAMES as readonly string[]).includes(name);
