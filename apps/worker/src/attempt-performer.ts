import type { AttemptOutcome } from '@lib/job-status';
import { JobRegistry, validatePayload } from '@lib/jobs';
import { backoffDelayMs } from '@lib/queues';
import type { JobEnvelope } from '@lib/queues';
import { Injectable } from '@nestjs/common';
import { attemptError } from './attempt-error';
import { JobCancelledError } from './job-cancelled.error';
import { JobContextFactory } from './job-context.factory';
import type { Attempt } from './job-context.factory';
import { JobTimeoutError } from './job-timeout.error';

/**
 * How long a job that ignores its signal may keep its worker slot after a timeout
 * aborted it. Past that the attempt is recorded as timed out and the slot is freed;
 * whatever the job still does is ignored (its writes are fenced, its result dropped).
 */
export const ABANDON_GRACE_MS = 5000;

/**
 * Runs the job class for one attempt, within the job's timeout_ms, and says what the
 * attempt led to: completed, retrying, failed, or cancelled (never retried).
 */
@Injectable()
export class AttemptPerformer {
  constructor(
    private readonly registry: JobRegistry,
    private readonly contexts: JobContextFactory,
  ) {}

  async perform(attempt: Attempt): Promise<AttemptOutcome> {
    const envelope = attempt.job.data as JobEnvelope;
    const { signal } = attempt.controller;
    const timers: NodeJS.Timeout[] = [];
    try {
      const jobType = this.registry.get(envelope.type);
      const payload = await validatePayload(jobType, envelope.payload);
      const timeoutMs = envelope.timeoutMs ?? jobType.defaultTimeoutMs;
      const result = await Promise.race([
        jobType.perform(payload, this.contexts.create(attempt)),
        this.timeout(attempt.controller, timeoutMs, timers),
      ]);
      // A cancelled job that ignored its signal and finished anyway: its result is dropped.
      return signal.reason instanceof JobCancelledError
        ? { status: 'cancelled' }
        : { status: 'completed', result: result ?? null };
    } catch (thrown) {
      if (signal.reason instanceof JobCancelledError) {
        return { status: 'cancelled' };
      }
      const cause = signal.reason instanceof JobTimeoutError ? signal.reason : thrown;
      return this.failure(attempt, envelope, cause);
    } finally {
      timers.forEach(clearTimeout);
    }
  }

  /** Aborts the attempt at its timeout; rejects once the grace for stopping is over. */
  private timeout(controller: AbortController, timeoutMs: number, timers: NodeJS.Timeout[]) {
    return new Promise<never>((_, reject) => {
      timers.push(
        setTimeout(() => {
          const reason = new JobTimeoutError(timeoutMs);
          controller.abort(reason);
          timers.push(setTimeout(() => reject(reason), ABANDON_GRACE_MS));
        }, timeoutMs),
      );
    });
  }

  private failure(attempt: Attempt, envelope: JobEnvelope, cause: unknown): AttemptOutcome {
    const error = attemptError(cause, attempt.attempt);
    const maxAttempts = attempt.job.opts.attempts ?? 1;
    if (error.permanent || attempt.attempt >= maxAttempts) {
      return { status: 'failed', error };
    }
    const delayMs = backoffDelayMs(envelope.backoff, attempt.attempt);
    return { status: 'retrying', error, retryAt: new Date(Date.now() + delayMs) };
  }
}
