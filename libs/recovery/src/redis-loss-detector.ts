import { PlatformConfig } from '@lib/config';
import { RedisEpochLedger } from '@lib/job-status';
import { QueueStore } from '@lib/queues';
import { Injectable, Logger } from '@nestjs/common';
import { RECOVERY_REASONS, RecoveryMetrics } from './recovery-metrics';

/**
 * Notices that Redis lost its data, by a marker that only a Redis holding this platform's
 * data has (see RedisLossMarker). After a loss every waiting job is marked for a new
 * hand-off, which the sweep then does. Queues in Postgres have no marker: they cannot be
 * lost apart from the statuses, and the audit covers a job dropped from them.
 */
@Injectable()
export class RedisLossDetector {
  private readonly logger = new Logger('recovery');
  private readonly prefix: string;
  private known: string | null = null;

  constructor(
    private readonly ledger: RedisEpochLedger,
    private readonly store: QueueStore,
    private readonly metrics: RecoveryMetrics,
    config: PlatformConfig,
  ) {
    this.prefix = config.redis.prefix;
  }

  /** One GET per marker while all is well; a reconcile in Postgres when a marker changed. */
  async check(): Promise<void> {
    const marker = this.store.lossMarker;
    if (marker === null) {
      return;
    }
    const current = await marker.read();
    if (current !== null && current === this.known) {
      return;
    }
    const { epoch, lost } = await this.ledger.reconcile(this.prefix, {
      read: () => marker.read(),
      write: (value) => marker.write(value),
    });
    this.known = epoch;
    if (lost !== null) {
      this.metrics.count(RECOVERY_REASONS.redisDataLost, lost);
      this.logger.warn(
        `Redis lost its data (its marker ${marker.described} was gone): ${lost} waiting ` +
          'job(s) are handed to it again from Postgres.',
      );
    }
  }
}
