import { PlatformConfig } from '@lib/config';
import { JobStatusReader, JobStatusRecorder } from '@lib/job-status';
import { CancellationChannel, JobQueues, ProducerRedis } from '@lib/queues';
import type { QueueName } from '@lib/queues';
import { Injectable, Logger } from '@nestjs/common';
import { JobAlreadyFinishedError } from './job-already-finished.error';

export interface CancelResult {
  jobId: string;
  /** `cancelled` at once, or `cancelling` while the worker running it stops it. */
  status: 'cancelled' | 'cancelling';
}

/**
 * Cancels jobs. Postgres decides first (a waiting job is cancelled there and no worker
 * will start it, since starting is fenced on the status); Redis then drops the waiting
 * copy, or, for a running job, the workers hear about it and the one running it aborts
 * (and reads it from Postgres within a second should the message be lost).
 */
@Injectable()
export class JobCanceller {
  private readonly logger = new Logger(JobCanceller.name);
  private readonly channel: CancellationChannel;

  constructor(
    private readonly recorder: JobStatusRecorder,
    private readonly reader: JobStatusReader,
    private readonly queues: JobQueues,
    private readonly redis: ProducerRedis,
    config: PlatformConfig,
  ) {
    this.channel = new CancellationChannel(config.redis.prefix);
  }

  /**
   * @throws JobNotFoundError for an unknown id
   * @throws JobAlreadyFinishedError for a completed, failed or cancelled job
   */
  async cancel(jobId: string): Promise<CancelResult> {
    const status = await this.recorder.requestCancel(jobId);
    if (status === null) {
      const job = await this.reader.get(jobId);
      throw new JobAlreadyFinishedError(jobId, job.status);
    }
    const job = await this.reader.get(jobId);
    if (status === 'running') {
      // The fast path; a worker that misses it reads the cancel from Postgres within a second.
      await this.channel.publish(this.redis.connection, jobId).catch((error: Error) => {
        this.logger.warn(
          `Job ${jobId} is cancelling; Redis did not carry the news: ${error.message}`,
        );
      });
      return { jobId, status: 'cancelling' };
    }
    // Best effort: a copy left in Redis is refused by the worker that fetches it.
    await this.queues.remove(job.queue as QueueName, jobId).catch((error: Error) => {
      this.logger.warn(
        `Job ${jobId} is cancelled; its queued copy stays in Redis: ${error.message}`,
      );
    });
    return { jobId, status: 'cancelled' };
  }
}
