import { JobStatusRecorder } from '@lib/job-status';
import type { AttemptOutcome } from '@lib/job-status';
import { PlatformMetrics } from '@lib/metrics';
import { ScheduledRetry } from '@lib/queues';
import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import type { Logger as Pino } from 'pino';
import { AttemptPerformer } from './attempt-performer';
import { JobContextFactory } from './job-context.factory';
import { WorkerShutdownError } from './worker-shutdown.error';
import type { Attempt } from './job-context.factory';

/**
 * Runs one attempt of a fetched job: records it as running, has it performed (see
 * AttemptPerformer), records the outcome, then settles the job in Redis. Postgres is written first: a crash between
 * the two leaves Redis behind, and the stalled-job checker brings it back to a worker
 * that finds the outcome already recorded.
 */
@Injectable()
export class JobRunner {
  constructor(
    private readonly recorder: JobStatusRecorder,
    private readonly performer: AttemptPerformer,
    private readonly contexts: JobContextFactory,
    private readonly metrics: PlatformMetrics,
  ) {}

  async run(attempt: Attempt): Promise<void> {
    const { job, token } = attempt;
    const id = job.id as string;
    if (job.deferredFailure) {
      await this.failStalled(attempt);
      return;
    }
    if (!(await this.recorder.startAttempt(id, token, attempt.attempt))) {
      // Cancelled while its last worker ran it (and that worker is gone): it ends here.
      await this.recorder.settleCancelled(id);
      // Finished or cancelled under another lease, or never recorded: this copy must not run.
      await job.moveToFailed(
        new UnrecoverableError(
          'Postgres has no startable status for this job (already final, or unknown there); this copy was not run.',
        ),
        token,
      );
      return;
    }
    const labels = { type: job.name, queue: job.queueName };
    if (attempt.attempt === 1) {
      this.metrics.jobWaitSeconds.observe(labels, (Date.now() - job.timestamp - job.delay) / 1000);
    }
    const stopTimer = this.metrics.jobRunSeconds.startTimer(labels);
    const outcome = await this.performer.perform(attempt);
    stopTimer();
    if (
      outcome.status !== 'completed' &&
      attempt.controller.signal.reason instanceof WorkerShutdownError
    ) {
      // Not the job's failure: another worker runs the attempt again (the lease is taken over).
      await job.moveToWait(token);
      return;
    }
    const log = this.contexts.loggerFor(job, attempt.attempt);
    if (!(await this.recorder.finishAttempt(id, token, outcome))) {
      log.warn(
        'Taken over by another worker while running: its outcome stands, this one is dropped.',
      );
      return;
    }
    await this.settleInRedis(attempt, outcome);
    this.count(outcome, labels);
    this.report(log, outcome);
  }

  private report(log: Pino, outcome: AttemptOutcome): void {
    switch (outcome.status) {
      case 'completed':
        log.info('Job completed.');
        return;
      case 'retrying':
        log.warn({ error: outcome.error, retry_at: outcome.retryAt }, 'Attempt failed; retrying.');
        return;
      case 'failed':
        log.error({ error: outcome.error }, 'Job failed.');
        return;
      case 'cancelled':
        log.info('Job cancelled.');
        return;
    }
  }

  private count(outcome: AttemptOutcome, labels: { type: string; queue: string }): void {
    const counters = {
      completed: this.metrics.jobsCompleted,
      retrying: this.metrics.jobsRetried,
      failed: this.metrics.jobsFailed,
      cancelled: this.metrics.jobsCancelled,
    };
    counters[outcome.status].inc(labels);
  }

  // BullMQ marks a job that stalled past maxStalledCount and leaves its failure to the
  // next worker that fetches it: that is us, for a job whose workers kept dying.
  private async failStalled({ job, token, attempt }: Attempt): Promise<void> {
    const reason = `${job.deferredFailure}: its worker stopped renewing the lock for WORKER_STALL_TIMEOUT_MS twice.`;
    await this.recorder.failAbandoned(job.id as string, {
      message: reason,
      permanent: true,
      name: 'StalledJobError',
      attempt,
      at: new Date().toISOString(),
    });
    await job.moveToFailed(new UnrecoverableError(reason), token);
  }

  private async settleInRedis({ job, token }: Attempt, outcome: AttemptOutcome): Promise<void> {
    switch (outcome.status) {
      case 'completed':
        await job.moveToCompleted(outcome.result, token, false);
        return;
      case 'retrying':
        await job.moveToFailed(
          new ScheduledRetry(
            outcome.error.message,
            Math.max(0, outcome.retryAt.getTime() - Date.now()),
          ),
          token,
        );
        return;
      case 'failed':
        await job.moveToFailed(new UnrecoverableError(outcome.error.message), token);
        return;
      case 'cancelled':
        await job.moveToFailed(new UnrecoverableError('Cancelled.'), token);
        return;
    }
  }
}
