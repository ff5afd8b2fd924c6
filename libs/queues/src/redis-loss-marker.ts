import type { RedisSettings } from '@lib/config';
import { epochKeys } from './queue-keys';
import type { LossMarker } from './queue-store';
import type { RedisClient } from './redis-connection';

/**
 * The epoch marker in Redis: one key on a single Redis, one in each queue's slot on a
 * cluster (see epochKeys), so that a master that lost its data loses its markers.
 */
export class RedisLossMarker implements LossMarker {
  private readonly keys: string[];

  constructor(
    private readonly redis: RedisClient,
    settings: RedisSettings,
  ) {
    this.keys = epochKeys(settings);
  }

  get described(): string {
    return this.keys.join(', ');
  }

  async read(): Promise<string | null> {
    // One GET each: on a cluster the markers live in different slots, which MGET refuses.
    const values = await Promise.all(this.keys.map((key) => this.redis.get(key)));
    return values.every((value) => value === values[0]) ? values[0] : null;
  }

  async write(epoch: string): Promise<void> {
    await Promise.all(this.keys.map((key) => this.redis.set(key, epoch)));
  }
}
