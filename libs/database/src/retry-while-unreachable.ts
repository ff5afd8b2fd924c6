import { isTransientDatabaseError } from './transient-database-error';

export interface RetryWhileUnreachableOptions {
  /** Give up (rethrow) once this long has passed since the first try, in ms. */
  deadlineMs: number;
  /** Called once per failed try that will be retried. */
  onRetry?: (error: unknown) => void;
}

const FIRST_DELAY_MS = 100;
const MAX_DELAY_MS = 2000;

/**
 * Runs `write` until it succeeds, retrying while Postgres is unreachable (or dropped the
 * connection) with delays from 100 ms doubling to 2 s, for up to `deadlineMs`. Any other
 * error, or the deadline passing, is rethrown. Only for writes that are safe to repeat.
 */
export async function retryWhileUnreachable<T>(
  write: () => Promise<T>,
  { deadlineMs, onRetry }: RetryWhileUnreachableOptions,
): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (let delay = FIRST_DELAY_MS; ; delay = Math.min(MAX_DELAY_MS, delay * 2)) {
    try {
      return await write();
    } catch (error) {
      if (!isTransientDatabaseError(error) || Date.now() + delay > deadline) {
        throw error;
      }
      onRetry?.(error);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
