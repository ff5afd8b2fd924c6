import { JobStatusRecorder } from '@lib/job-status';
import type { JobContext, JobLogger } from '@lib/jobs';
import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { Logger as Pino } from 'pino';

export interface Attempt {
  job: Job;
  /** The lock token of this fetch, also the lease that fences status writes. */
  token: string;
  attempt: number;
  /** Aborted on cancellation, timeout or shutdown; its reason says which. */
  controller: AbortController;
}

const isProgress = (value: unknown): value is number | Record<string, unknown> =>
  (typeof value === 'number' && value >= 0 && value <= 100) ||
  (typeof value === 'object' && value !== null && !Array.isArray(value));

/** Adapts a BullMQ job into the JobContext job code sees. */
@Injectable()
export class JobContextFactory {
  constructor(
    private readonly recorder: JobStatusRecorder,
    @InjectPinoLogger('job') private readonly pino: PinoLogger,
  ) {}

  create({ job, token, attempt, controller }: Attempt): JobContext {
    const id = job.id as string;
    return {
      jobId: id,
      attempt,
      maxAttempts: job.opts.attempts ?? 1,
      logger: this.jobLogger(this.loggerFor(job, attempt)),
      signal: controller.signal,
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

  /** A logger whose every line names the job, its type, queue and attempt. */
  loggerFor(job: Job, attempt: number): Pino {
    return this.pino.logger.child({
      job_id: job.id,
      job_type: job.name,
      queue: job.queueName,
      attempt,
    });
  }

  private jobLogger(pino: Pino): JobLogger {
    return {
      log: (message) => pino.info(message),
      warn: (message) => pino.warn(message),
      error: (message) => pino.error(message),
      debug: (message) => pino.debug(message),
    };
  }
}
