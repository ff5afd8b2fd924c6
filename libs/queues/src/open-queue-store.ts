import type { PlatformConfig } from '@lib/config';
import { PostgresQueueStore } from './postgres-queue-store';
import type { QueueStore } from './queue-store';
import { CONSUMER_OPTIONS, PRODUCER_OPTIONS, connectRedis } from './redis-connection';
import { RedisQueueStore } from './redis-queue-store';

/**
 * Who uses the store: a producer (the API, the scheduler) sends commands and must fail
 * fast while the store is down; a consumer (the worker) blocks and retries without end.
 */
export type QueueStoreRole = 'producer' | 'consumer';

// Postgres connections of one app: a few for a producer's queries; for a worker one per
// LISTENing Worker and QueueEvents of each queue, plus its queries.
const PRODUCER_POOL_SIZE = 5;
const CONSUMER_POOL_SIZE = 20;

/**
 * Opens the store QUEUE_BACKEND names, connected.
 * @throws RedisUnreachableError when Redis does not answer within the connect timeout
 */
export async function openQueueStore(
  config: PlatformConfig,
  role: QueueStoreRole,
): Promise<QueueStore> {
  if (config.queues.backend === 'postgres') {
    const size = role === 'producer' ? PRODUCER_POOL_SIZE : CONSUMER_POOL_SIZE;
    return PostgresQueueStore.open(config.database.url, size);
  }
  const options = role === 'producer' ? PRODUCER_OPTIONS : CONSUMER_OPTIONS;
  return new RedisQueueStore(await connectRedis(config.redis, options), config.redis);
}
