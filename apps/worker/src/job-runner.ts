import { isTransientDatabaseError, retryWhileUnreachable } from '@lib/database';
import { JOB_STATES, JobStatusRecorder } from '@lib/job-status';
import type { AttemptOutcome } from '@lib/job-status';
import { PlatformMetrics } from '@lib/metrics';
import { ScheduledRetry } from '@lib/queues';
import { RecoveryLoop } from '@lib/recovery';
import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import type { Job } from 'bullmq';
import type { Logger as Pino } from 'pino';
import { AttemptPerformer } from './attempt-performer';
import { JobChangedError } from './job-changed.error';
import { JobContextFactory } from './job-context.factory';
import type { Attempt } from './job-context.factory';
import { StartRecording } from './start-recording';
import { WorkerIdentity } from './worker-identity';
import { WorkerShutdownError } from './worker-shutdown.error';

/** A job fetched from Redis, before Postgres said whether and what it runs. */
export type Fetched = Omit<Attempt, 'started' | 'start'> & {
  /**
   * Completes the job in Redis. In the same round trip it takes the next job of the queue
   * for this slot when the consumer allows it (see QueueConsumer), and answers that job.
   */
  complete: (result: unknown) => Promise<Job | undefined>;
};

/**
 * How long a status write is retried while Postgres is unreachable: past a 60 s outage
 * with room to spare. The job's Redis lock is renewed meanwhile, so no other worker
 * takes it.
 */
export const POSTGRES_OUTAGE_MS = 90_000;

/**
 * Runs one attempt of a fetched job: reads what to run from Postgres, has it performed
 * (see AttemptPerformer) while its start is recorded should it last (see
 * StartRecording), records the outcome, then settles the job in Redis. Postgres is
 * written first: a crash between the two leaves Redis behind, and the stalled-job
 * checker brings it back to a worker that finds the outcome already recorded. A crash
 * before any write leaves the job waiting in Postgres and locked in Redis: it is run
 * again once its lock expires.
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger('worker');

  constructor(
    private readonly recorder: JobStatusRecorder,
    private readonly performer: AttemptPerformer,
    private readonly contexts: JobContextFactory,
    private readonly metrics: PlatformMetrics,
    private readonly identity: WorkerIdentity,
    private readonly recovery: RecoveryLoop,
  ) {}

  /** @returns the next job of the queue when the completion took one for this slot */
  async run(fetched: Fetched): Promise<Job | undefined> {
    const { job, token } = fetched;
    const id = job.id as string;
    if (job.deferredFailure) {
      await this.failStalled(fetched);
      return undefined;
    }
    const started = await this.durably(id, () =>
      this.recorder.openAttempt(id, token, this.identity.id),
    );
    if (started === 'unreachable') {
      // No attempt was recorded, so none is spent: another try comes later.
      await job.moveToWait(token);
      return undefined;
    }
    if (!started) {
      await this.dropCopy(fetched);
      return undefined;
    }
    const start = new StartRecording(
      () => this.recorder.recordStart(started),
      () => fetched.controller.abort(new JobChangedError()),
    );
    const attempt: Attempt = { ...fetched, started, start };
    const labels = { type: started.type, queue: started.queue };
    if (started.attempt === 1) {
      const since = (started.runAt ?? started.createdAt).getTime();
      this.metrics.jobWaitSeconds.observe(labels, Math.max(0, Date.now() - since) / 1000);
    }
    const stopTimer = this.metrics.jobRunSeconds.startTimer(labels);
    const outcome = await this.performer.perform(attempt);
    stopTimer();
    await start.stop();
    if (
      outcome.status !== 'completed' &&
      attempt.controller.signal.reason instanceof WorkerShutdownError
    ) {
      // Not the job's failure: another worker runs the attempt again (the lease is taken over).
      await job.moveToWait(token);
      return undefined;
    }
    return this.finish(attempt, fetched.complete, outcome, labels);
  }

  private async finish(
    attempt: Attempt,
    complete: Fetched['complete'],
    outcome: AttemptOutcome,
    labels: { type: string; queue: string },
  ): Promise<Job | undefined> {
    const { job, token, started, start } = attempt;
    // Made on first use: most attempts log nothing at LOG_LEVEL=warn.
    let logger: Pino | undefined;
    const log = () => (logger ??= this.contexts.loggerFor(started));
    const written = await this.durably(started.id, () =>
      this.recorder.finishAttempt(started, outcome),
    );
    if (written === 'unreachable') {
      log().error('Postgres stayed unreachable: this outcome is lost and the job runs again.');
      await job.moveToWait(token);
      return undefined;
    }
    if (written === undefined && !start.recorded) {
      // Cancelled (or taken by another attempt) before its start was written.
      await this.dropCopy(attempt);
      return undefined;
    }
    if (written === undefined) {
      log().warn(
        'Taken over by another worker while running: its outcome stands, this one is dropped.',
      );
      return undefined;
    }
    // A cancel accepted while the attempt ran wins over its outcome.
    const recorded: AttemptOutcome =
      written === JOB_STATES.cancelled ? { status: 'cancelled' } : outcome;
    const next = await this.settleInRedis(attempt, complete, recorded).catch((error: Error) => {
      // Postgres has the outcome; a Redis that lost the job is mended by the Redis audit.
      log().warn(`Outcome recorded, but Redis could not settle the job: ${error.message}`);
      return undefined;
    });
    this.recovery.handOffSoon();
    this.count(recorded, labels);
    this.report(log, recorded);
    return next;
  }

  /**
   * A status write, retried while Postgres is unreachable for up to POSTGRES_OUTAGE_MS;
   * 'unreachable' when it stayed away that long.
   */
  private async durably<T>(jobId: string, write: () => Promise<T>): Promise<T | 'unreachable'> {
    let warned = false;
    try {
      return await retryWhileUnreachable(write, {
        deadlineMs: POSTGRES_OUTAGE_MS,
        onRetry: (error) => {
          if (!warned) {
            warned = true;
            this.logger.warn(
              `Job ${jobId}: Postgres is unreachable (${(error as Error).message}); ` +
                'holding the status write until it answers.',
            );
          }
        },
      });
    } catch (error) {
      if (isTransientDatabaseError(error)) {
        return 'unreachable';
      }
      throw error;
    }
  }

  // Redis handed out a copy that Postgres does not let start: the job already ended (a
  // duplicate delivery), or it is unknown there (its status was pruned). Dropped quietly.
  private async dropCopy({ job, token }: Pick<Fetched, 'job' | 'token'>): Promise<void> {
    // Cancelled while its last worker ran it, and that worker is gone: it ends here.
    await this.recorder.settleCancelled(job.id as string);
    // moveToCompleted keeps or removes the job as its own opts say: this copy leaves no trace.
    job.opts.removeOnComplete = true;
    await job.moveToCompleted(null, token, false);
  }

  private report(log: () => Pino, outcome: AttemptOutcome): void {
    const level =
      outcome.status === 'retrying' ? 'warn' : outcome.status === 'failed' ? 'error' : 'info';
    if (!this.contexts.logs(level)) {
      return;
    }
    switch (outcome.status) {
      case 'completed':
        log().info('Job completed.');
        return;
      case 'retrying':
        log().warn(
          { error: outcome.error, retry_at: outcome.retryAt },
          'Attempt failed; retrying.',
        );
        return;
      case 'failed':
        log().error({ error: outcome.error }, 'Job failed.');
        return;
      case 'cancelled':
        log().info('Job cancelled.');
        return;
    }
  }

  private count(outcome: AttemptOutcome, labels: { type: string; queue: string }): void {
    // The recorder counts cancellations as it commits them: the API and the dashboard
    // cancel waiting jobs too, and only one process may count each job.
    if (outcome.status === 'cancelled') {
      return;
    }
    const counters = {
      completed: this.metrics.jobsCompleted,
      retrying: this.metrics.jobsRetried,
      failed: this.metrics.jobsFailed,
    };
    counters[outcome.status].inc(labels);
  }

  // BullMQ marks a job that stalled past maxStalledCount and leaves its failure to the
  // next worker that fetches it: that is us, for a job whose workers kept dying.
  private async failStalled({ job, token }: Pick<Fetched, 'job' | 'token'>): Promise<void> {
    const reason = `${job.deferredFailure}: its worker stopped renewing the lock for WORKER_STALL_TIMEOUT_MS twice.`;
    await this.recorder.failAbandoned(job.id as string, {
      message: reason,
      permanent: true,
      name: 'StalledJobError',
      attempt: job.attemptsMade + 1,
      at: new Date().toISOString(),
    });
    await job.moveToFailed(new UnrecoverableError(reason), token);
  }

  private async settleInRedis(
    { job, token }: Attempt,
    complete: Fetched['complete'],
    outcome: AttemptOutcome,
  ): Promise<Job | undefined> {
    switch (outcome.status) {
      case 'completed':
        return complete(outcome.result);
      case 'retrying':
        await job.moveToFailed(
          new ScheduledRetry(
            outcome.error.message,
            Math.max(0, outcome.retryAt.getTime() - Date.now()),
          ),
          token,
        );
        return undefined;
      case 'failed':
        await job.moveToFailed(new UnrecoverableError(outcome.error.message), token);
        return undefined;
      case 'cancelled':
        await job.moveToFailed(new UnrecoverableError('Cancelled.'), token);
        return undefined;
    }
  }
}
