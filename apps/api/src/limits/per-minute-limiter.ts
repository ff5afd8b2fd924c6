import { RedisQueueStore } from '@lib/queues';
import type { PostgresQueueStore, QueueStore } from '@lib/queues';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis } from 'rate-limiter-flexible';
import type { RateLimiterStoreAbstract } from 'rate-limiter-flexible';

// Made by a platform migration (an unlogged table: a lost count costs nothing).
const POSTGRES_TABLE = { schemaName: 'public', tableName: 'rate_limits' };

/**
 * A fixed one-minute window of `points` per key, counted where the queues live (Redis,
 * or Postgres with QUEUE_BACKEND=postgres) so that every API process shares it. While
 * that store is down each process counts on its own (the insurance limiter): limits
 * then hold per process rather than refusing everything.
 * @param keyPrefix key prefix, under QUEUE_PREFIX so that platforms sharing a Redis
 * (and test runs) never share counters
 */
export function perMinuteLimiter(
  store: QueueStore,
  keyPrefix: string,
  points: number,
): RateLimiterStoreAbstract {
  const window = {
    keyPrefix,
    points,
    duration: 60,
    insuranceLimiter: new RateLimiterMemory({ points, duration: 60 }),
  };
  if (store instanceof RedisQueueStore) {
    return new RateLimiterRedis({
      ...window,
      storeClient: store.redis,
      // The API's connection has no offline queue: a command fails at once while Redis is down.
      rejectIfRedisNotReady: true,
    });
  }
  return new RateLimiterPostgres({
    ...window,
    storeClient: (store as PostgresQueueStore).pool,
    ...POSTGRES_TABLE,
    tableCreated: true,
    clearExpiredByTimeout: true,
  });
}
