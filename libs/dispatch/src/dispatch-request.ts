import type { JobState, OnDependencyFailure } from '@lib/job-status';
import type { BackoffPolicy } from '@lib/queues';

/** A request to run a job, already checked for shape at the edge (HTTP or a schedule). */
export interface DispatchRequest {
  type: string;
  payload: unknown;
  queue?: string;
  /** 0 (default) runs first, then 1, 2, … */
  priority?: number;
  /** Run no earlier than this many ms from now; exclusive with runAt. */
  delayMs?: number;
  /** Run no earlier than this time; exclusive with delayMs. */
  runAt?: Date;
  maxAttempts?: number;
  /** Longest an attempt may run, in ms; at most JOB_MAX_TIMEOUT_MS. */
  timeoutMs?: number;
  backoff?: BackoffPolicy;
  idempotencyKey?: string;
  /** The caller's tenant; a schedule's jobs leave it out and belong to `default`. */
  tenantId?: string;
  /**
   * Jobs (at most 100, existing, of the same tenant) that must complete first: until they
   * have, the job is `waiting`.
   */
  dependsOn?: readonly string[];
  /** When a dependency ends failed or cancelled: `cancel` this job (default) or `run` it anyway. */
  onDependencyFailure?: OnDependencyFailure;
  /** The schedule and tick that asked for this job, when a schedule did. */
  origin?: { schedule: string; tick: Date };
  /** Where to POST the status document once final, and its secret; see jobWebhook. */
  webhook?: { url?: string; secret?: string };
}

export interface DispatchResult {
  jobId: string;
  status: JobState;
  /** False when an idempotency key matched an earlier request: nothing new was created. */
  created: boolean;
}
