import { JOB_STATES, JobStatusReader, JobStatusRecorder } from '@lib/job-status';
import { JobQueues, QueueStore } from '@lib/queues';
import type { QueueName } from '@lib/queues';
import { Injectable, Logger } from '@nestjs/common';
import { JobAlreadyFinishedError } from './job-already-finished.error';

export interface CancelResult {
  jobId: string;
  /** `cancelled` at once, or `cancelling` while the worker running it stops it. */
  status: 'cancelled' | 'cancelling';
}

/**
 * Cancels jobs. Postgres decides first: once the cancel is recorded no attempt starts
 * (opening one is fenced on it). A waiting job whose Redis copy is then dropped ends
 * `cancelled` at once; for a job a worker holds (running, or started so recently that
 * its start is not recorded yet) the workers hear about it and the one running it
 * aborts (and reads it from Postgres within a second should the message be lost).
 */
@Injectable()
export class JobCanceller {
  private readonly logger = new Logger(JobCanceller.name);

  constructor(
    private readonly recorder: JobStatusRecorder,
    private readonly reader: JobStatusReader,
    private readonly queues: JobQueues,
    private readonly store: QueueStore,
  ) {}

  /**
   * Cancels the job when it belongs to `tenantId`.
   * @throws JobNotFoundError for an unknown id and for another tenant's job alike
   * @throws JobAlreadyFinishedError for a completed, failed or cancelled job
   */
  async cancel(jobId: string, tenantId: string): Promise<CancelResult> {
    const accepted = await this.recorder.requestCancel(jobId, tenantId);
    if (accepted === null) {
      const job = await this.reader.get(jobId, tenantId);
      throw new JobAlreadyFinishedError(jobId, job.status);
    }
    const { status, queue } = accepted;
    if (status !== JOB_STATES.running && (await this.removeWaitingCopy(jobId, queue))) {
      await this.recorder.settleCancelled(jobId);
      return { jobId, status: 'cancelled' };
    }
    // The fast path; a worker that misses it reads the cancel from Postgres within a second.
    await this.store.cancellations.publish(jobId).catch((error: Error) => {
      this.logger.warn(
        `Job ${jobId} is cancelling; the queues (${this.store.backend}) did not carry the news: ${error.message}`,
      );
    });
    return { jobId, status: 'cancelling' };
  }

  /**
   * Drops the Redis copy of a job Postgres holds as waiting; false when a worker holds
   * it (it runs, its start not yet recorded). Redis away: true, the job ends now and a
   * copy found later is refused by the worker that fetches it.
   */
  private async removeWaitingCopy(jobId: string, queue: string): Promise<boolean> {
    return this.queues.remove(queue as QueueName, jobId).catch((error: Error) => {
      this.logger.warn(
        `Job ${jobId} is cancelled; its queued copy stays in Redis: ${error.message}`,
      );
      return true;
    });
  }
}
