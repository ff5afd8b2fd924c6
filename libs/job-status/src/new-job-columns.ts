import type { NewJobStatus } from './job-status.entity';

const json = (value: unknown): string | null =>
  value === undefined ? null : JSON.stringify(value);

// The parameters of JOBS_CREATED, in its column order.
const NEW_JOB_COLUMNS: ReadonlyArray<(job: NewJobStatus) => unknown> = [
  (j) => j.id,
  (j) => j.tenantId,
  (j) => j.type,
  (j) => j.queue,
  (j) => j.priority,
  (j) => j.status,
  (j) => json(j.payload),
  (j) => j.attempts,
  (j) => j.maxAttempts,
  (j) => j.timeoutMs,
  (j) => json(j.backoff),
  (j) => j.runAt,
  (j) => j.idempotencyKey,
  (j) => j.requestHash,
  (j) => j.scheduleName,
  (j) => j.scheduledFor,
  // As an array literal: unnest cannot take an array of arrays. Ids are checked UUIDs.
  (j) => (j.dependsOn === null ? null : `{${j.dependsOn.join(',')}}`),
  (j) => j.onDependencyFailure,
  (j) => j.webhookUrl,
  (j) => j.webhookSecret,
  (j) => j.handOffWindow ?? null,
];

/** The parameters of JOBS_CREATED for `jobs`: one array per column. */
export const newJobColumns = (jobs: readonly NewJobStatus[]): unknown[][] =>
  NEW_JOB_COLUMNS.map((column) => jobs.map(column));
