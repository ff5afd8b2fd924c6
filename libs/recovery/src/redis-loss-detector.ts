import { PlatformConfig } from '@lib/config';
import { RedisEpochLedger } from '@lib/job-status';
import { ProducerRedis } from '@lib/queues';
import { Injectable, Logger } from '@nestjs/common';
import { RECOVERY_REASONS, RecoveryMetrics } from './recovery-metrics';

/**
 * Notices that Redis lost its data, by a marker key that only a Redis holding this
 * platform's data has. After a loss every waiting job is marked for a new hand-off,
 * which the sweep then does.
 */
@Injectable()
export class RedisLossDetector {
  private readonly logger = new Logger('recovery');
  private readonly prefix: string;
  private readonly key: string;
  private known: string | null = null;

  constructor(
    private readonly ledger: RedisEpochLedger,
    private readonly redis: ProducerRedis,
    private readonly metrics: RecoveryMetrics,
    config: PlatformConfig,
  ) {
    this.prefix = config.redis.prefix;
    this.key = `${this.prefix}:epoch`;
  }

  /** One GET while all is well; a reconcile in Postgres when the marker changed. */
  async check(): Promise<void> {
    const redis = this.redis.connection;
    const current = await redis.get(this.key);
    if (current !== null && current === this.known) {
      return;
    }
    const { epoch, lost } = await this.ledger.reconcile(this.prefix, {
      read: () => redis.get(this.key),
      write: async (value) => {
        await redis.set(this.key, value);
      },
    });
    this.known = epoch;
    if (lost !== null) {
      this.metrics.count(RECOVERY_REASONS.redisDataLost, lost);
      this.logger.warn(
        `Redis lost its data (its marker ${this.key} was gone): ${lost} waiting job(s) are ` +
          'handed to it again from Postgres.',
      );
    }
  }
}
