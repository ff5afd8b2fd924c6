import { PlatformConfig } from '@lib/config';
import type { OnApplicationShutdown, Provider } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { PRODUCER_OPTIONS, closeRedis, connectRedis } from './redis-connection';

/** The connection the API and the scheduler queue jobs through. */
export class ProducerRedis implements OnApplicationShutdown {
  constructor(readonly connection: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.connection);
  }
}

export const PRODUCER_REDIS_PROVIDER: Provider = {
  provide: ProducerRedis,
  inject: [PlatformConfig],
  useFactory: async (config: PlatformConfig) =>
    new ProducerRedis(await connectRedis(config.redis.url, PRODUCER_OPTIONS)),
};
