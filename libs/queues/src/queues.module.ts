import { PlatformConfig } from '@lib/config';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { JobQueues } from './job-queues';
import { PRODUCER_REDIS_PROVIDER, ProducerRedis } from './producer-redis';
import { QUEUE_NAMES } from './queue-names';
import { QueueDepthGauge } from './queue-depth.gauge';
import { queuePrefix } from './queue-keys';

@Module({ providers: [PRODUCER_REDIS_PROVIDER], exports: [ProducerRedis] })
class ProducerRedisModule {}

/**
 * The producer side of the queues, for the API and the scheduler. It registers no
 * processor: only the worker app consumes jobs. Needs the app's MetricsModule.
 */
@Module({
  imports: [
    ProducerRedisModule,
    BullModule.forRootAsync({
      imports: [ProducerRedisModule],
      inject: [ProducerRedis, PlatformConfig],
      useFactory: (redis: ProducerRedis, config: PlatformConfig) => ({
        connection: redis.connection,
        prefix: config.redis.prefix,
      }),
    }),
    // Each queue's own prefix: a hash tag of its own on a Redis Cluster (see queuePrefix).
    BullModule.registerQueueAsync(
      ...QUEUE_NAMES.map((name) => ({
        name,
        inject: [PlatformConfig],
        useFactory: (config: PlatformConfig) => ({ prefix: queuePrefix(config.redis, name) }),
      })),
    ),
  ],
  providers: [JobQueues, QueueDepthGauge],
  // BullModule too: the dashboard resolves the queues by their Nest tokens.
  exports: [JobQueues, BullModule, ProducerRedisModule],
})
export class QueuesModule {}
