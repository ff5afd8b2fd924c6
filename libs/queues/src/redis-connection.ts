import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';
import { RedisUnreachableError } from './redis-unreachable.error';

const CONNECT_TIMEOUT_MS = 2000;

/** REDIS_URL with its password hidden, for messages and logs. */
export function redactRedisUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) {
    parsed.password = '***';
  }
  return parsed.toString();
}

/**
 * Options for a connection that only sends commands (the API, the scheduler): no
 * offline queue, so a command fails at once while Redis is down instead of hanging.
 */
export const PRODUCER_OPTIONS: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: CONNECT_TIMEOUT_MS,
};

/** Options for a worker connection: BullMQ requires blocking commands never to give up. */
export const CONSUMER_OPTIONS: RedisOptions = {
  maxRetriesPerRequest: null,
  enableAutoPipelining: true,
  connectTimeout: CONNECT_TIMEOUT_MS,
};

/**
 * Opens a connection and waits for Redis to answer.
 * @throws RedisUnreachableError when it does not within the connect timeout
 */
export async function connectRedis(url: string, options: RedisOptions): Promise<Redis> {
  const redacted = redactRedisUrl(url);
  const redis = new Redis(url, { ...options, lazyConnect: true });
  let firstError: Error | undefined;
  const keepFirst = (error: Error) => (firstError ??= error);
  redis.on('error', keepFirst);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    const reason = (firstError ?? (error as Error)).message || 'no answer';
    throw new RedisUnreachableError(redacted, reason.replace(/\.$/, ''));
  }
  redis.off('error', keepFirst);
  logConnectionErrorsOnce(redis, redacted);
  return redis;
}

// ioredis emits an error per reconnect attempt: log when the link breaks and when it
// comes back, not a stack trace every retry.
function logConnectionErrorsOnce(redis: Redis, redacted: string): void {
  const logger = new Logger('Redis');
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) {
      down = true;
      logger.error(`Lost Redis at ${redacted} (REDIS_URL): ${error.message}; reconnecting.`);
    }
  });
  redis.on('ready', () => {
    if (down) {
      down = false;
      logger.log(`Reconnected to Redis at ${redacted}.`);
    }
  });
}

// A Redis that stopped answering must not hold up a shutdown.
const QUIT_TIMEOUT_MS = 1000;

/** QUIT politely, or drop the connection if Redis does not answer in time. */
export async function closeRedis(redis: Redis): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, QUIT_TIMEOUT_MS)));
  await Promise.race([redis.quit().catch(() => undefined), timeout]);
  clearTimeout(timer);
  redis.disconnect();
}
