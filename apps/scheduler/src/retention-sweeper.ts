import { PlatformConfig } from '@lib/config';
import { JobStatusPruner } from '@lib/job-status';
import { Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

const DAY_MS = 24 * 60 * 60_000;

/**
 * Deletes the statuses of jobs finished more than JOB_RETENTION_DAYS ago, every
 * JOB_RETENTION_SWEEP_MS. Redis bounds its own finished sets (see job-options.ts).
 */
@Injectable()
export class RetentionSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('retention');
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(
    private readonly pruner: JobStatusPruner,
    private readonly config: PlatformConfig,
  ) {}

  onApplicationBootstrap(): void {
    const { retentionDays, retentionSweepMs } = this.config.scheduler;
    if (retentionDays === 0) {
      this.logger.log('JOB_RETENTION_DAYS is 0: finished jobs are kept forever.');
      return;
    }
    this.timer = setInterval(() => {
      // One sweep at a time: a slow one is not stacked with the next.
      this.sweeping ??= this.sweep(retentionDays).finally(() => (this.sweeping = undefined));
    }, retentionSweepMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  private async sweep(retentionDays: number): Promise<void> {
    try {
      const deleted = await this.pruner.deleteFinishedBefore(
        new Date(Date.now() - retentionDays * DAY_MS),
      );
      if (deleted > 0) {
        this.logger.log(`Deleted ${deleted} jobs finished more than ${retentionDays} days ago.`);
      }
    } catch (error) {
      this.logger.error(`Retention sweep failed: ${(error as Error).message}`);
    }
  }
}
