import type { MinimalJob } from 'bullmq';
import { backoffDelayMs } from './backoff-policy';
import type { JobEnvelope } from './job-envelope';

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

/** BullMQ backoff strategy for jobs added with `backoff: {type: 'platform'}`. */
export function platformBackoffStrategy(
  attemptsMade: number,
  _type?: string,
  error?: Error,
  job?: MinimalJob,
): number {
  if (error instanceof ScheduledRetry) {
    return error.delayMs;
  }
  const envelope = job?.data as JobEnvelope | undefined;
  return envelope ? backoffDelayMs(envelope.backoff, attemptsMade) : 1000;
}
