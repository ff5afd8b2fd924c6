import type { AttemptOutcome, StoredBackoff } from '@lib/job-status';
import { JobRegistry, validatePayload } from '@lib/jobs';
import { backoffDelayMs } from '@lib/queues';
import type { BackoffPolicy } from '@lib/queues';
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

const policyOf = (stored: StoredBackoff): BackoffPolicy => ({
  type: stored.type,
  delayMs: stored.delay_ms,
  maxDelayMs: stored.max_delay_ms,
});

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
    const { started } = attempt;
    const { signal } = attempt.controller;
    const timers: NodeJS.Timeout[] = [];
    try {
      const jobType = this.registry.get(started.type);
      const payload = await validatePayload(jobType, started.payload);
      const result = await Promise.race([
        jobType.perform(payload, this.contexts.create(attempt)),
        this.timeout(attempt.controller, started.timeoutMs, timers),
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
      return this.failure(attempt, cause);
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

  private failure({ started }: Attempt, cause: unknown): AttemptOutcome {
    const error = attemptError(cause, started.attempt);
    if (error.permanent || started.attempt >= started.maxAttempts) {
      return { status: 'failed', error };
    }
    const delayMs = backoffDelayMs(policyOf(started.backoff), started.attempt);
    return { status: 'retrying', error, retryAt: new Date(Date.now() + delayMs) };
  }
}
