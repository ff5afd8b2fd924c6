import type { QueueName } from '@lib/queues';

/** Queues that share worker slots: a job of one lane never waits for a slot of another. */
export interface Lane<Q extends { name: QueueName }> {
  queues: Q[];
  /** Jobs of this lane that may run at once. */
  concurrency: number;
}

/**
 * The served queues in lanes, each in serving order: `webhooks` alone with
 * WEBHOOK_CONCURRENCY slots (a slow or failing receiver then never holds the slots of other
 * work, nor waits behind it), every other queue with WORKER_CONCURRENCY. Empty lanes are left out.
 */
export function workerLanes<Q extends { name: QueueName }>(
  queues: readonly Q[],
  slots: { concurrency: number; webhookConcurrency: number },
): Lane<Q>[] {
  const lanes = [
    { queues: queues.filter((q) => q.name !== 'webhooks'), concurrency: slots.concurrency },
    { queues: queues.filter((q) => q.name === 'webhooks'), concurrency: slots.webhookConcurrency },
  ];
  return lanes.filter((lane) => lane.queues.length > 0);
}
