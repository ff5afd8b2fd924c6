import type { JobsOptions } from 'bullmq';

/** The job of every measure: a `sleep` of 0 ms, so that what is timed is the platform. */
export const NO_OP_JOB = { type: 'sleep', payload: { ms: 0 } } as const;

/** Jobs per bulk request, and per `addBulk` call of the raw anchor. */
export const BULK_SIZE = 500;

/** The body of `POST /create-jobs` for one no-op job. */
export const SINGLE_CREATE_BODY = JSON.stringify(NO_OP_JOB);

/** The body of `POST /create-jobs` for `size` no-op jobs at once. */
export const bulkCreateBody = (size = BULK_SIZE) =>
  JSON.stringify({ jobs: Array.from({ length: size }, () => NO_OP_JOB) });

/** The queue the platform puts a `sleep` job in, and the raw anchors use too. */
export const NO_OP_QUEUE = 'default';

/**
 * BullMQ options of the raw anchors' jobs: the attempts and the retention of finished jobs
 * that the platform gives its own (libs/queues job-options.ts), so that Redis does the same
 * bookkeeping for both.
 */
export const RAW_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 50_000 },
};
