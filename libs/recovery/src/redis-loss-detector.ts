import { PlatformConfig } from '@lib/config';
import { RedisEpochLedger } from '@lib/job-status';
import { ProducerRedis, epochKeys } from '@lib/queues';
import { Injectable, Logger } from '@nestjs/common';
import { RECOVERY_REASONS, RecoveryMetrics } from './recovery-metrics';

/**
 * Notices that Redis lost its data, by a marker key that only a Redis holding this
 * platform's data has (on a Redis Cluster, one marker in each queue's slot: a master
 * that lost its data loses the markers of its queues). After a loss every waiting job is
 * marked for a new hand-off, which the sweep then does.
 */
@Injectable()
export class RedisLossDetector {
  private readonly logger = new Logger('recovery');
  private readonly prefix: string;
  private readonly keys: string[];
  private known: string | null = null;

  constructor(
    private readonly ledger: RedisEpochLedger,
    private readonly redis: ProducerRedis,
    private readonly metrics: RecoveryMetrics,
    config: PlatformConfig,
  ) {
    this.prefix = config.redis.prefix;
    this.keys = epochKeys(config.redis);
  }

  /** One GET per marker while all is well; a reconcile in Postgres when a marker changed. */
  async check(): Promise<void> {
    const current = await this.read();
    if (current !== null && current === this.known) {
      return;
    }
    const { epoch, lost } = await this.ledger.reconcile(this.prefix, {
      read: () => this.read(),
      write: (value) => this.write(value),
    });
    this.known = epoch;
    if (lost !== null) {
      this.metrics.count(RECOVERY_REASONS.redisDataLost, lost);
      this.logger.warn(
        `Redis lost its data (its marker ${this.keys.join(', ')} was gone): ${lost} waiting ` +
          'job(s) are handed to it again from Postgres.',
      );
    }
  }

  /** The epoch every marker holds; null when one is missing or they disagree. */
  private async read(): Promise<string | null> {
    const redis = this.redis.connection;
    // One GET each: on a cluster the markers live in different slots, which MGET refuses.
    const values = await Promise.all(this.keys.map((key) => redis.get(key)));
    return values.every((value) => value === values[0]) ? values[0] : null;
  }

  private async write(epoch: string): Promise<void> {
    const redis = this.redis.connection;
    await Promise.all(this.keys.map((key) => redis.set(key, epoch)));
  }
}
