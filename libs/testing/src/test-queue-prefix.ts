import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A Redis key prefix of its own for one test file; its keys are deleted afterwards. */
export class TestQueuePrefix {
  readonly prefix: string;

  /** @param redisUrl another Redis than the shared one, e.g. a private `RedisServer` */
  constructor(
    label: string,
    readonly redisUrl = REDIS_URL,
  ) {
    this.prefix = `test-${label.replace(/\W/g, '-')}-${randomBytes(4).toString('hex')}`;
  }

  /** Keys under this prefix, e.g. to prove nothing was queued. */
  async keys(pattern = '*'): Promise<string[]> {
    const redis = new Redis(this.redisUrl);
    try {
      return await redis.keys(`${this.prefix}:${pattern}`);
    } finally {
      redis.disconnect();
    }
  }

  /** Deletes every key under the prefix (never FLUSHDB: Redis may be shared). */
  async clear(): Promise<void> {
    const redis = new Redis(this.redisUrl);
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.prefix}:*`, 'COUNT', 500);
        if (keys.length > 0) {
          await redis.unlink(...keys);
        }
        cursor = next;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  }
}
