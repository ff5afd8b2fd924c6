import type { RedisSettings } from '@lib/config';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { jobKey, queuePrefix } from './queue-keys';
import type { QueueName } from './queue-names';
import { QueueStore } from './queue-store';
import type {
  ServedWorkerOptions,
  StoredQueue,
  StoredQueueEvents,
  StoredWorker,
} from './queue-store';
import { RedisCancellationChannel } from './redis-cancellation-channel';
import { closeRedis, describeRedis } from './redis-connection';
import type { RedisClient } from './redis-connection';
import { RedisLossMarker } from './redis-loss-marker';

/** The queues in Redis (REDIS_URL) or a Redis Cluster (REDIS_CLUSTER_NODES). */
export class RedisQueueStore extends QueueStore {
  readonly backend = 'redis';
  readonly described: string;
  readonly cancellations: RedisCancellationChannel;
  readonly lossMarker: RedisLossMarker;

  constructor(
    readonly redis: RedisClient,
    private readonly settings: RedisSettings,
  ) {
    super();
    this.described = describeRedis(settings);
    this.cancellations = new RedisCancellationChannel(redis, settings.prefix);
    this.lossMarker = new RedisLossMarker(redis, settings);
  }

  protected newQueue(name: QueueName): StoredQueue {
    return new Queue(name, { connection: this.redis, prefix: queuePrefix(this.settings, name) });
  }

  protected newWorker(name: QueueName, options: ServedWorkerOptions): StoredWorker {
    return new Worker(name, null, {
      ...options,
      connection: this.redis,
      prefix: queuePrefix(this.settings, name),
    });
  }

  protected newQueueEvents(name: QueueName): StoredQueueEvents {
    return new QueueEvents(name, {
      connection: this.redis.duplicate(),
      prefix: queuePrefix(this.settings, name),
    });
  }

  /** QueueEvents' `waiting` events cover every way a job arrives in Redis. */
  watchArrivals(): Promise<() => Promise<void>> {
    return Promise.resolve(() => Promise.resolve());
  }

  /**
   * One pipelined HMGET per job: its hash is there, without `finishedOn`. One pipeline
   * per call, which is one queue: on a cluster a pipeline may only touch one slot.
   */
  async heldUnfinished(queue: string, jobIds: readonly string[]): Promise<boolean[]> {
    const pipeline = this.redis.pipeline();
    for (const id of jobIds) {
      pipeline.hmget(jobKey(this.settings, queue, id), 'timestamp', 'finishedOn');
    }
    const answers = (await pipeline.exec()) ?? [];
    return answers.map(([error, fields]) => {
      if (error) {
        throw error;
      }
      const [timestamp, finishedOn] = fields as Array<string | null>;
      return timestamp !== null && finishedOn === null;
    });
  }

  protected closeConnections(): Promise<void> {
    return closeRedis(this.redis);
  }
}
