/**
 * The error a worker hands to BullMQ for a failed attempt that will be retried. It
 * carries the delay the worker already computed and recorded in Postgres, so that
 * Redis and Postgres agree on when the retry runs.
 */
export class ScheduledRetry extends Error {
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
    this.name = 'ScheduledRetry';
  }
}

// Only reached by a retry that did not come through ScheduledRetry, which the worker never
// hands over; a second is a harmless guess.
const FALLBACK_DELAY_MS = 1000;

/** BullMQ backoff strategy for jobs added with `backoff: {type: 'platform'}`. */
export function platformBackoffStrategy(
  _attemptsMade: number,
  _type?: string,
  error?: Error,
): number {
  return error instanceof ScheduledRetry ? error.delayMs : FALLBACK_DELAY_MS;
}
