import { randomBytes } from 'node:crypto';
import { Cluster, Redis } from 'ioredis';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A Redis key prefix of its own for one test file; its keys are deleted afterwards. */
export class TestQueuePrefix {
  readonly prefix: string;

  /**
   * @param redisUrl another Redis than the shared one, e.g. a private `RedisServer`
   * @param clusterNodes REDIS_CLUSTER_NODES of a Redis Cluster (e.g. a `RedisCluster`), used
   * instead of `redisUrl`
   * @param prefix a prefix of its own instead of a random one (on a Redis of its own only)
   */
  constructor(
    label: string,
    readonly redisUrl = REDIS_URL,
    readonly clusterNodes: string | null = null,
    prefix?: string,
  ) {
    this.prefix = prefix ?? `test-${label.replace(/\W/g, '-')}-${randomBytes(4).toString('hex')}`;
  }

  /** Keys under this prefix, e.g. to prove nothing was queued (on a cluster: of every master). */
  async keys(pattern = '*'): Promise<string[]> {
    return (
      await this.onEachNode((redis) =>
        Promise.all(this.patterns(pattern).map((match) => redis.keys(match))),
      )
    ).flat(2);
  }

  /** Deletes every key under the prefix (never FLUSHDB: Redis may be shared). */
  async clear(): Promise<void> {
    await this.onEachNode(async (redis) => {
      for (const match of this.patterns('*')) {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 500);
          // One at a time: on a cluster the keys of one node may still span several slots.
          for (const key of keys) {
            await redis.unlink(key);
          }
          cursor = next;
        } while (cursor !== '0');
      }
    });
  }

  // On a cluster the queues' keys start with their hash tag, `{prefix:queue}` (see queuePrefix).
  private patterns(pattern: string): string[] {
    return this.clusterNodes
      ? [`${this.prefix}:${pattern}`, `{${this.prefix}:${pattern}`]
      : [`${this.prefix}:${pattern}`];
  }

  private async onEachNode<T>(work: (redis: Redis) => Promise<T>): Promise<T[]> {
    if (!this.clusterNodes) {
      const redis = new Redis(this.redisUrl);
      try {
        return [await work(redis)];
      } finally {
        redis.disconnect();
      }
    }
    const cluster = new Cluster(
      this.clusterNodes.split(',').map((node) => {
        const [host, port] = node.split(':');
        return { host, port: Number(port) };
      }),
      { clusterRetryStrategy: () => null },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        cluster.once('ready', resolve);
        cluster.once('error', reject);
      });
      return await Promise.all(cluster.nodes('master').map(work));
    } finally {
      cluster.disconnect();
    }
  }
}
