import type { StoredBackoff } from '@lib/job-status';
import type { BaseJob } from '@lib/jobs';
import type { BackoffPolicy, QueueName } from '@lib/queues';

/** A job type's row in `job_types`: the defaults jobs_enqueue() applies, as stored. */
export interface JobTypeEntry {
  type: string;
  default_queue: QueueName;
  max_attempts: number;
  backoff: StoredBackoff;
  /** In ms, already capped at JOB_MAX_TIMEOUT_MS. */
  timeout_ms: number;
}

const storedBackoff = (policy: BackoffPolicy): StoredBackoff => ({
  type: policy.type,
  delay_ms: policy.delayMs,
  ...(policy.maxDelayMs === undefined ? {} : { max_delay_ms: policy.maxDelayMs }),
});

/**
 * The defaults JobDispatcher gives a request that names none, for SQL to give them too.
 * @param maxTimeoutMs JOB_MAX_TIMEOUT_MS, which caps the type's own default as in dispatch
 */
export const jobTypeEntry = (job: BaseJob, maxTimeoutMs: number): JobTypeEntry => ({
  type: job.type,
  default_queue: job.defaultQueue,
  max_attempts: job.retryPolicy.maxAttempts,
  backoff: storedBackoff(job.retryPolicy.backoff),
  timeout_ms: Math.min(job.defaultTimeoutMs, maxTimeoutMs),
});
