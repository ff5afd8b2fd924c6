import { QUEUE_BACKENDS } from '@lib/config';
import type { QueueBackendName } from '@lib/config';

export interface QueueBackendCase {
  backend: QueueBackendName;
  /** The environment that selects it, for a TestPlatform. */
  env: { QUEUE_BACKEND: QueueBackendName };
}

/**
 * Runs a suite once on each queue backend (QUEUE_BACKEND): the core flows must behave the
 * same whether the queues live in Redis or in Postgres. Name the suite with `$backend`.
 */
export const eachQueueBackend = describe.each<QueueBackendCase>(
  QUEUE_BACKENDS.map((backend) => ({ backend, env: { QUEUE_BACKEND: backend } })),
);
