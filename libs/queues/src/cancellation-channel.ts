import type { RedisClient } from './redis-connection';

/**
 * The Redis pub/sub channel that carries "cancel this running job" to every worker:
 * the one running the job aborts it, the others ignore the message. On a Redis Cluster a
 * PUBLISH reaches the subscribers of every node, so any master carries it.
 */
export class CancellationChannel {
  readonly name: string;

  constructor(prefix: string) {
    this.name = `${prefix}:cancellations`;
  }

  /** Tells the workers; resolves to how many listened. */
  publish(redis: RedisClient, jobId: string): Promise<number> {
    return redis.publish(this.name, jobId);
  }

  /**
   * Listens on its own connection (a subscribed connection can do nothing else).
   * @returns a function that stops listening and closes that connection
   */
  async subscribe(redis: RedisClient, onCancel: (jobId: string) => void): Promise<() => void> {
    const subscriber = redis.duplicate();
    // Its connection's errors are the main connection's too, which logs them once.
    subscriber.on('error', () => undefined);
    subscriber.on('message', (channel: string, jobId: string) => {
      if (channel === this.name) {
        onCancel(jobId);
      }
    });
    await subscriber.subscribe(this.name);
    return () => subscriber.disconnect();
  }
}
