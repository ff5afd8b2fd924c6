import { isTransientDatabaseError } from '@lib/database';
import { JobStatusReader, JobStatusRecorder } from '@lib/job-status';
import type { StartedAttempt } from '@lib/job-status';
import type { JobContext, JobLogger } from '@lib/jobs';
import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { StartRecording } from './start-recording';
import type { Logger as Pino } from 'pino';

export interface Attempt {
  job: Job;
  /** The lock token of this fetch, also the lease that fences status writes. */
  token: string;
  /** What runs, as Postgres recorded it when the attempt started: the only copy. */
  started: StartedAttempt;
  /** Aborted on cancellation, timeout or shutdown; its reason says which. */
  controller: AbortController;
  /** Whether and when Postgres records the attempt `running`. */
  start: StartRecording;
}

const isProgress = (value: unknown): value is number | Record<string, unknown> =>
  (typeof value === 'number' && value >= 0 && value <= 100) ||
  (typeof value === 'object' && value !== null && !Array.isArray(value));

const ignoreTransient = (error: unknown): void => {
  if (!isTransientDatabaseError(error)) {
    throw error;
  }
};

/** Adapts a BullMQ job into the JobContext job code sees. */
@Injectable()
export class JobContextFactory {
  constructor(
    private readonly recorder: JobStatusRecorder,
    private readonly reader: JobStatusReader,
    @InjectPinoLogger('job') private readonly pino: PinoLogger,
  ) {}

  create({ job, token, started, controller, start }: Attempt): JobContext {
    const { id, attempt, maxAttempts } = started;
    return {
      jobId: id,
      attempt,
      maxAttempts,
      logger: this.jobLogger(() => this.loggerFor(started)),
      signal: controller.signal,
      dependencies: () => this.reader.dependencyResults(id),
      progress: async (value) => {
        if (!isProgress(value)) {
          throw new TypeError(
            `progress must be a number from 0 to 100 or an object, got ${JSON.stringify(value)}.`,
          );
        }
        // Progress is kept for a running job only: the start is recorded first.
        if (!(await start.now())) {
          return;
        }
        // Progress is a report, not an outcome: Postgres or Redis being away for a moment
        // must not fail the attempt (the next report, or the outcome, catches up).
        await Promise.all([
          this.recorder.reportProgress(id, token, value).catch(ignoreTransient),
          job.updateProgress(value).catch(() => undefined),
        ]);
      },
    };
  }

  /** Whether lines of `level` are written at all (LOG_LEVEL). */
  logs(level: 'info' | 'warn' | 'error'): boolean {
    return this.pino.logger.isLevelEnabled(level);
  }

  /** A logger whose every line names the job, its type, queue and attempt. */
  loggerFor(started: Pick<StartedAttempt, 'id' | 'type' | 'queue' | 'attempt'>): Pino {
    return this.pino.logger.child({
      job_id: started.id,
      job_type: started.type,
      queue: started.queue,
      attempt: started.attempt,
    });
  }

  // The child logger is made on the job's first line: most jobs log nothing.
  private jobLogger(make: () => Pino): JobLogger {
    let pino: Pino | undefined;
    const log = () => (pino ??= make());
    return {
      log: (message) => log().info(message),
      warn: (message) => log().warn(message),
      error: (message) => log().error(message),
      debug: (message) => log().debug(message),
    };
  }
}
