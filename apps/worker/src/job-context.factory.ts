import { JobStatusRecorder } from '@lib/job-status';
import type { JobContext, JobLogger } from '@lib/jobs';
import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';

export interface Attempt {
  job: Job;
  /** The lock token of this fetch, also the lease that fences status writes. */
  token: string;
  attempt: number;
  signal: AbortSignal;
}

const isProgress = (value: unknown): value is number | Record<string, unknown> =>
  (typeof value === 'number' && value >= 0 && value <= 100) ||
  (typeof value === 'object' && value !== null && !Array.isArray(value));

/** Adapts a BullMQ job into the JobContext job code sees. */
@Injectable()
export class JobContextFactory {
  constructor(private readonly recorder: JobStatusRecorder) {}

  create({ job, token, attempt, signal }: Attempt): JobContext {
    const id = job.id as string;
    return {
      jobId: id,
      attempt,
      maxAttempts: job.opts.attempts ?? 1,
      logger: this.loggerFor(job, attempt),
      signal,
      progress: async (value) => {
        if (!isProgress(value)) {
          throw new TypeError(
            `progress must be a number from 0 to 100 or an object, got ${JSON.stringify(value)}.`,
          );
        }
        await Promise.all([
          this.recorder.reportProgress(id, token, value),
          job.updateProgress(value),
        ]);
      },
    };
  }

  private loggerFor(job: Job, attempt: number): JobLogger {
    const logger = new Logger(`${job.name} ${job.id} attempt ${attempt}`);
    return {
      log: (message) => logger.log(message),
      warn: (message) => logger.warn(message),
      error: (message) => logger.error(message),
      debug: (message) => logger.debug(message),
    };
  }
}
