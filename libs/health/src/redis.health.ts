import { PlatformConfig } from '@lib/config';
import { PRODUCER_OPTIONS, redactRedisUrl } from '@lib/queues';
import { Injectable } from '@nestjs/common';
import type { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Redis } from 'ioredis';

const TIMEOUT_MS = 1500;

/**
 * Redis answers, and will not evict keys under memory pressure: BullMQ loses jobs
 * with any maxmemory-policy but noeviction.
 */
@Injectable()
export class RedisHealthIndicator implements OnModuleInit, OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(
    private readonly health: HealthIndicatorService,
    private readonly config: PlatformConfig,
  ) {
    this.redis = new Redis(config.redis.url, { ...PRODUCER_OPTIONS, lazyConnect: true });
    this.redis.on('error', () => undefined);
  }

  // Its own connection, without an offline queue: a probe must fail fast, not wait for Redis.
  async onModuleInit(): Promise<void> {
    await this.redis.connect().catch(() => undefined);
  }

  check() {
    return this.health
      .check('redis')
      .attempt(async () => {
        const memory = await this.redis.info('memory');
        const policy = /^maxmemory_policy:(\S+)/m.exec(memory)?.[1] ?? 'unknown';
        if (policy !== 'noeviction') {
          throw new Error(
            `maxmemory-policy is ${policy}; BullMQ needs noeviction to lose no jobs ` +
              '(CONFIG SET maxmemory-policy noeviction).',
          );
        }
        return { url: redactRedisUrl(this.config.redis.url), maxmemory_policy: policy };
      })
      .withTimeout(TIMEOUT_MS);
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
