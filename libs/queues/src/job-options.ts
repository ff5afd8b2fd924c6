import type { JobsOptions } from 'bullmq';

/** BullMQ's backoff type for our own strategy: the worker computes each delay itself. */
export const PLATFORM_BACKOFF_TYPE = 'platform';

// Redis keeps finished jobs only briefly: Postgres is the record of outcomes.
const KEEP_COMPLETED = { age: 3600, count: 10_000 };
const KEEP_FAILED = { age: 7 * 24 * 3600, count: 50_000 };

/**
 * Where and when a job waits in Redis. This and the job type's name are all Redis gets:
 * the payload and the retry policy stay in Postgres, read when an attempt starts.
 */
export interface JobPlacement {
  /** The JobStatus id. */
  jobId: string;
  /** 0 runs first; then 1, 2, …; equal priorities run in arrival order. */
  priority: number;
  delayMs: number;
  /**
   * Attempts left for this copy (≥ 1). Postgres decides whether a failed attempt is
   * retried; BullMQ only needs to count the same way so that it keeps the job for it.
   */
  attemptsLeft: number;
}

/** BullMQ options of a platform job. */
export function jobOptions(placement: JobPlacement): JobsOptions {
  return {
    jobId: placement.jobId,
    // BullMQ runs priority 0 (its "no priority" list) before priorities 1, 2, …:
    // exactly "lower first, then FIFO", and the common case stays on its fast path.
    priority: placement.priority,
    delay: placement.delayMs,
    attempts: Math.max(1, placement.attemptsLeft),
    backoff: { type: PLATFORM_BACKOFF_TYPE },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
  };
}
