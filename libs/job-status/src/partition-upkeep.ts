import { Injectable, Logger } from '@nestjs/common';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { JobStatusPartitioner } from './job-status.partitioner';

const HOUR_MS = 60 * 60_000;

/**
 * Keeps job_statuses' partitions made ahead in every app, not only where a scheduler
 * runs: without a partition for today every create fails, and a platform run without a
 * scheduler (or with its scheduler down a week) must still take jobs. Hourly, and at
 * start-up; creating what exists already costs one query.
 */
@Injectable()
export class PartitionUpkeep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('job-status');
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly partitioner: JobStatusPartitioner) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.createAhead();
    this.timer = setInterval(() => void this.createAhead(), HOUR_MS);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    if (this.timer) {
      clearInterval(this.timer);
    }
  }

  // Postgres being away now is not fatal: a week of partitions exists already.
  private async createAhead(): Promise<void> {
    try {
      await this.partitioner.createAhead(new Date());
    } catch (error) {
      this.logger.warn(
        `Could not create the partitions of job_statuses ahead (${(error as Error).message}); retrying within the hour.`,
      );
    }
  }
}
