import type { CancellationChannel } from './queue-store';
import type { RedisClient } from './redis-connection';

/**
 * Cancellation news over Redis pub/sub. On a Redis Cluster a PUBLISH reaches the
 * subscribers of every node, so any master carries it.
 */
export class RedisCancellationChannel implements CancellationChannel {
  private readonly name: string;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.name = `${prefix}:cancellations`;
  }

  async publish(jobId: string): Promise<void> {
    await this.redis.publish(this.name, jobId);
  }

  /** Listens on a connection of its own: a subscribed connection can do nothing else. */
  async subscribe(onCancel: (jobId: string) => void): Promise<() => Promise<void>> {
    const subscriber = this.redis.duplicate();
    // Its connection's errors are the main connection's too, which logs them once.
    subscriber.on('error', () => undefined);
    subscriber.on('message', (channel: string, jobId: string) => {
      if (channel === this.name) {
        onCancel(jobId);
      }
    });
    await subscriber.subscribe(this.name);
    return () => Promise.resolve(subscriber.disconnect());
  }
}
