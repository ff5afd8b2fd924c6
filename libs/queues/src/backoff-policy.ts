/** How long to wait before the next attempt, as given by a job type or a request. */
export interface BackoffPolicy {
  type: 'exponential' | 'fixed';
  /** Delay before the second attempt, in ms. */
  delayMs: number;
  /** Upper bound of any delay, in ms; exponential only. Defaults to one hour. */
  maxDelayMs?: number;
}

const DEFAULT_MAX_DELAY_MS = 3_600_000;

/**
 * Delay in ms before retrying after `failedAttempts` failures (≥ 1). Exponential delays
 * double each time up to the cap, then are jittered down by up to half ("equal
 * jitter") so that jobs that failed together do not all retry together.
 * @param random a number in [0, 1); injectable for tests
 */
export function backoffDelayMs(
  policy: BackoffPolicy,
  failedAttempts: number,
  random: () => number = Math.random,
): number {
  if (policy.type === 'fixed') {
    return policy.delayMs;
  }
  const cap = policy.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const ceiling = Math.min(cap, policy.delayMs * 2 ** Math.min(failedAttempts - 1, 40));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
