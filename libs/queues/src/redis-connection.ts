import type { RedisSettings } from '@lib/config';
import { Logger } from '@nestjs/common';
import { Cluster, Redis } from 'ioredis';
import type { ClusterOptions, RedisOptions } from 'ioredis';
import { RedisUnreachableError } from './redis-unreachable.error';

const CONNECT_TIMEOUT_MS = 2000;

/** One Redis (REDIS_URL) or a Redis Cluster (REDIS_CLUSTER_NODES): both speak the commands we use. */
export type RedisClient = Redis | Cluster;

/** REDIS_URL with its password hidden, for messages and logs. */
export function redactRedisUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) {
    parsed.password = '***';
  }
  return parsed.toString();
}

/** Where the platform's Redis is, for messages and logs: REDIS_URL redacted, or the cluster's seed nodes. */
export function describeRedis(settings: RedisSettings): string {
  return settings.clusterNodes
    ? settings.clusterNodes
        .map(({ host, port }) => `${host.includes(':') ? `[${host}]` : host}:${port}`)
        .join(',')
    : redactRedisUrl(settings.url);
}

/** The variable that names the platform's Redis. */
export const redisVariable = (settings: RedisSettings): string =>
  settings.clusterNodes ? 'REDIS_CLUSTER_NODES' : 'REDIS_URL';

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
 * A client that has not connected yet (`lazyConnect`): a `Redis` for REDIS_URL, or an
 * ioredis `Cluster` seeded with REDIS_CLUSTER_NODES, which finds every master itself and
 * sends each command to the master of its key's slot.
 */
export function createRedis(settings: RedisSettings, options: RedisOptions): RedisClient {
  if (!settings.clusterNodes) {
    return new Redis(settings.url, { ...options, lazyConnect: true });
  }
  const { enableOfflineQueue, enableAutoPipelining, ...nodeOptions } = options;
  const clusterOptions: ClusterOptions = {
    lazyConnect: true,
    enableOfflineQueue: enableOfflineQueue ?? true,
    enableAutoPipelining: enableAutoPipelining ?? false,
    // Each master's connection; BullMQ reads maxRetriesPerRequest from here.
    redisOptions: nodeOptions,
    slotsRefreshTimeout: CONNECT_TIMEOUT_MS,
    // Keep trying, as a single Redis's connection does: a cluster that is down comes back.
    clusterRetryStrategy: (times: number) => Math.min(100 * times, 2000),
  };
  return new Cluster(
    settings.clusterNodes.map(({ host, port }) => ({ host, port })),
    clusterOptions,
  );
}

/**
 * Opens a connection and waits for Redis (every master of a cluster: the slots are known)
 * to answer.
 * @throws RedisUnreachableError when it does not within the connect timeout
 */
export async function connectRedis(
  settings: RedisSettings,
  options: RedisOptions,
): Promise<RedisClient> {
  const described = describeRedis(settings);
  const redis = createRedis(settings, options);
  let firstError: Error | undefined;
  const keepFirst = (error: Error) => (firstError ??= error);
  redis.on('error', keepFirst);
  let timer: NodeJS.Timeout | undefined;
  try {
    // A cluster retries its seed nodes without end: give up as a single Redis would.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('no answer')), 2 * CONNECT_TIMEOUT_MS);
    });
    await Promise.race([redis.connect().then(() => redis.ping()), timeout]);
  } catch (error) {
    redis.disconnect();
    const reason = failureReason(firstError ?? (error as Error));
    throw new RedisUnreachableError(
      described,
      reason.replace(/\.$/, ''),
      settings.clusterNodes !== null,
    );
  } finally {
    clearTimeout(timer);
  }
  redis.off('error', keepFirst);
  logConnectionErrorsOnce(redis, `${described} (${redisVariable(settings)})`);
  return redis;
}

// A cluster that cannot load its slots says so, and keeps the node's own error beside it.
function failureReason(error: Error & { lastNodeError?: Error }): string {
  const reason = error.message || 'no answer';
  const node = error.lastNodeError?.message;
  return node ? `${reason.replace(/\.$/, '')} (${node.replace(/\.$/, '')})` : reason;
}

// ioredis emits an error per reconnect attempt: log when the link breaks and when it
// comes back, not a stack trace every retry.
function logConnectionErrorsOnce(redis: RedisClient, described: string): void {
  const logger = new Logger('Redis');
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) {
      down = true;
      logger.error(`Lost Redis at ${described}: ${error.message}; reconnecting.`);
    }
  });
  redis.on('ready', () => {
    if (down) {
      down = false;
      logger.log(`Reconnected to Redis at ${described}.`);
    }
  });
}

// A Redis that stopped answering must not hold up a shutdown.
const QUIT_TIMEOUT_MS = 1000;

/** QUIT politely, or drop the connection if Redis does not answer in time. */
export async function closeRedis(redis: RedisClient): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, QUIT_TIMEOUT_MS)));
  await Promise.race([redis.quit().catch(() => undefined), timeout]);
  clearTimeout(timer);
  redis.disconnect();
}
