import type { RedisClient } from '@lib/queues';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';

/**
 * A fixed one-minute window of `points` per key, counted in Redis so that every API
 * process shares it. While Redis is down each process counts on its own (the insurance
 * limiter): limits then hold per process rather than refusing everything.
 * @param keyPrefix Redis key prefix, under QUEUE_PREFIX so that platforms sharing a Redis
 * (and test runs) never share counters
 */
export function perMinuteLimiter(redis: RedisClient, keyPrefix: string, points: number) {
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix,
    points,
    duration: 60,
    // The API's connection has no offline queue: a command fails at once while Redis is down.
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory({ points, duration: 60 }),
  });
}
