// Owns: queue names and serving order, where the queues live (Redis or Postgres: QueueStore),
// BullMQ job options and backoff.
// Must not import: @lib/jobs, @lib/job-status, @lib/dispatch (queues carry work, they do not know it).
export { backoffDelayMs } from './backoff-policy';
export type { BackoffPolicy } from './backoff-policy';
export { PLATFORM_BACKOFF_TYPE, jobOptions } from './job-options';
export type { JobPlacement } from './job-options';
export { JobQueues } from './job-queues';
export type { QueuedJob } from './job-queues';
export { QUEUE_NAMES, isQueueName } from './queue-names';
export type { QueueName } from './queue-names';
export { QueueControlUnavailableError } from './queue-control-unavailable.error';
export { QueueUnavailableError } from './queue-unavailable.error';
export { QueuesModule } from './queues.module';
export {
  CONSUMER_OPTIONS,
  PRODUCER_OPTIONS,
  closeRedis,
  connectRedis,
  createRedis,
  describeRedis,
  redactRedisUrl,
  redisVariable,
} from './redis-connection';
export type { RedisClient } from './redis-connection';
export { epochKeys, jobKey, queuePrefix } from './queue-keys';
export { RedisUnreachableError } from './redis-unreachable.error';
export { servedQueues } from './served-queues';
export { UnknownQueueError } from './unknown-queue.error';
export { queueSlotCaps } from './queue-slot-caps';
export { ScheduledRetry, platformBackoffStrategy } from './scheduled-retry';
export { QueueStore } from './queue-store';
export type {
  CancellationChannel,
  LossMarker,
  ServedWorkerOptions,
  StoredQueue,
  StoredQueueEvents,
  StoredWorker,
} from './queue-store';
export { openQueueStore } from './open-queue-store';
export type { QueueStoreRole } from './open-queue-store';
export { RedisQueueStore } from './redis-queue-store';
export { PostgresQueueStore, QUEUE_SCHEMA, migrateQueueSchema } from './postgres-queue-store';
