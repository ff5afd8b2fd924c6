import { PlatformConfig } from '@lib/config';
import type { OnApplicationShutdown, Provider } from '@nestjs/common';
import { PRODUCER_OPTIONS, closeRedis, connectRedis } from './redis-connection';
import type { RedisClient } from './redis-connection';

/** The connection the API and the scheduler queue jobs through (a Cluster on REDIS_CLUSTER_NODES). */
export class ProducerRedis implements OnApplicationShutdown {
  constructor(readonly connection: RedisClient) {}

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.connection);
  }
}

export const PRODUCER_REDIS_PROVIDER: Provider = {
  provide: ProducerRedis,
  inject: [PlatformConfig],
  useFactory: async (config: PlatformConfig) =>
    new ProducerRedis(await connectRedis(config.redis, PRODUCER_OPTIONS)),
};
