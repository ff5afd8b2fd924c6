import type { BackoffPolicy } from '@lib/queues';

/** How often a job type is tried and how long it waits in between. */
export interface RetryPolicy {
  /** Attempts in all, the first one included (≥ 1). */
  maxAttempts: number;
  backoff: BackoffPolicy;
}

/** Three attempts, 1 s then about 2 s apart (exponential with jitter). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  backoff: { type: 'exponential', delayMs: 1000, maxDelayMs: 3_600_000 },
};
