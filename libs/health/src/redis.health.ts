import type { PlatformConfig } from '@lib/config';
import { PRODUCER_OPTIONS, createRedis, describeRedis } from '@lib/queues';
import type { RedisClient } from '@lib/queues';
import type { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { HealthIndicatorService } from '@nestjs/terminus';
import type { Cluster, Redis } from 'ioredis';
import { QueuesHealthIndicator } from './queues-health';

const TIMEOUT_MS = 1500;

/**
 * Redis answers, and will not evict keys under memory pressure: BullMQ loses jobs
 * with any maxmemory-policy but noeviction. On a Redis Cluster: the cluster is whole
 * (`cluster_state:ok`, every slot served) and every master answers without eviction.
 */
export class RedisHealthIndicator
  extends QueuesHealthIndicator
  implements OnModuleInit, OnApplicationShutdown
{
  private readonly redis: RedisClient;

  constructor(
    private readonly health: HealthIndicatorService,
    private readonly config: PlatformConfig,
  ) {
    super();
    this.redis = createRedis(config.redis, PRODUCER_OPTIONS);
    this.redis.on('error', () => undefined);
  }

  // Its own connection, without an offline queue: a probe must fail fast, not wait for Redis.
  async onModuleInit(): Promise<void> {
    await this.redis.connect().catch(() => undefined);
  }

  check() {
    return this.health
      .check('redis')
      .attempt(async () =>
        this.config.redis.clusterNodes
          ? this.checkCluster(this.redis as Cluster)
          : {
              url: describeRedis(this.config.redis),
              ...(await evictionPolicy(this.redis as Redis)),
            },
      )
      .withTimeout(TIMEOUT_MS);
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }

  private async checkCluster(cluster: Cluster) {
    const state = /^cluster_state:(\S+)/m.exec(await cluster.cluster('INFO'))?.[1] ?? 'unknown';
    if (state !== 'ok') {
      throw new Error(`cluster_state is ${state}: some hash slots have no master that answers.`);
    }
    const masters = cluster.nodes('master');
    if (masters.length === 0) {
      throw new Error('the cluster client knows no master yet.');
    }
    const policies = await Promise.all(
      masters.map((master) =>
        evictionPolicy(master, ` on master ${master.options.host}:${master.options.port}`),
      ),
    );
    return {
      cluster_nodes: describeRedis(this.config.redis),
      masters: masters.length,
      maxmemory_policy: policies[0].maxmemory_policy,
    };
  }
}

/** `{maxmemory_policy: 'noeviction'}`, or an error naming the node's other policy. */
async function evictionPolicy(redis: Redis, where = ''): Promise<{ maxmemory_policy: string }> {
  const memory = await redis.info('memory');
  const policy = /^maxmemory_policy:(\S+)/m.exec(memory)?.[1] ?? 'unknown';
  if (policy !== 'noeviction') {
    throw new Error(
      `maxmemory-policy is ${policy}${where}; BullMQ needs noeviction to lose no jobs ` +
        '(CONFIG SET maxmemory-policy noeviction).',
    );
  }
  return { maxmemory_policy: policy };
}
