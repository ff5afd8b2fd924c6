import { PlatformConfig } from '@lib/config';
import { JobStatusPartitioner, JobStatusPruner } from '@lib/job-status';
import { Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

const DAY_MS = 24 * 60 * 60_000;

/**
 * Every JOB_RETENTION_SWEEP_MS (and once at start): creates the partitions of job_statuses
 * for the days ahead, then removes the statuses of jobs finished more than
 * JOB_RETENTION_DAYS ago, by dropping the days that wholly expired, then row by row. Redis
 * bounds its own finished sets (see job-options.ts).
 */
@Injectable()
export class RetentionSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('retention');
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(
    private readonly partitioner: JobStatusPartitioner,
    private readonly pruner: JobStatusPruner,
    private readonly config: PlatformConfig,
  ) {}

  onApplicationBootstrap(): void {
    const { retentionDays, retentionSweepMs } = this.config.scheduler;
    if (retentionDays === 0) {
      this.logger.log('JOB_RETENTION_DAYS is 0: finished jobs are kept forever.');
    }
    const sweepOnce = () => {
      // One sweep at a time: a slow one is not stacked with the next.
      this.sweeping ??= this.sweep(retentionDays).finally(() => (this.sweeping = undefined));
    };
    sweepOnce();
    this.timer = setInterval(sweepOnce, retentionSweepMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  private async sweep(retentionDays: number): Promise<void> {
    try {
      const created = await this.partitioner.createAhead(new Date());
      if (created > 0) {
        this.logger.log(`Created ${created} partitions of job_statuses for the days ahead.`);
      }
      if (retentionDays === 0) {
        return;
      }
      const cutoff = new Date(Date.now() - retentionDays * DAY_MS);
      const dropped = await this.partitioner.dropFinishedBefore(cutoff);
      if (dropped.length > 0) {
        this.logger.log(
          `Dropped ${dropped.join(', ')}: every job in them finished more than ${retentionDays} days ago.`,
        );
      }
      const deleted = await this.pruner.deleteFinishedBefore(cutoff);
      if (deleted > 0) {
        this.logger.log(`Deleted ${deleted} jobs finished more than ${retentionDays} days ago.`);
      }
    } catch (error) {
      this.logger.error(`Retention sweep failed: ${(error as Error).message}`);
    }
  }
}
