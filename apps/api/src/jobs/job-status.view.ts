import { JOB_STATE_VALUES } from '@lib/job-status';
import type { JobState, JobStatus } from '@lib/job-status';
import { ApiProperty } from '@nestjs/swagger';
import { JobErrorView } from './job-error.view';

const json = { type: 'object', additionalProperties: true, nullable: true } as const;

/** A job's status as the API shows it (snake_case, ISO-8601 times). */
export class JobStatusView {
  /** @example "6b0c2a4e-8f1d-4c33-9a57-1f2e3d4c5b6a" */
  id!: string;
  /** @example "sleep" */
  type!: string;
  /** @example "default" */
  queue!: string;
  /** 0 runs first. @example 0 */
  priority!: number;
  @ApiProperty({ enum: JOB_STATE_VALUES, example: 'completed' })
  status!: JobState;
  /** Attempts started so far. @example 1 */
  attempts!: number;
  /** @example 3 */
  max_attempts!: number;
  @ApiProperty({
    ...json,
    description: 'A number 0–100 or an object set by the job.',
    example: 100,
  })
  progress!: unknown;
  @ApiProperty({ ...json, example: { ms: 2000, message: 'hello' } })
  payload!: unknown;
  @ApiProperty({ ...json, example: { slept_ms: 2000, message: 'hello', attempt: 1 } })
  result!: unknown;
  /** The last failed attempt's error. */
  @ApiProperty({ type: JobErrorView, nullable: true })
  error!: JobErrorView | null;
  /** Every failed attempt's error, oldest first. */
  @ApiProperty({ type: JobErrorView, isArray: true })
  errors!: JobErrorView[];
  /** Longest an attempt may run, in ms. @example 900000 */
  timeout_ms!: number;
  /** Set when a cancel arrived while the job was running; it ends `cancelled`. */
  cancel_requested_at!: string | null;
  /** The schedule that enqueued the job; null for a job created over the API. @example "nightly_data_import" */
  schedule_name!: string | null;
  /** The schedule's tick the job runs for. @example "2026-11-23T01:00:00.000Z" */
  scheduled_for!: string | null;
  /** When a scheduled or retrying job may start next. */
  run_at!: string | null;
  /** @example "2026-11-22T21:50:45.698Z" */
  created_at!: string;
  started_at!: string | null;
  finished_at!: string | null;
  updated_at!: string;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function toJobStatusView(job: JobStatus): JobStatusView {
  return {
    id: job.id,
    type: job.type,
    queue: job.queue,
    priority: job.priority,
    status: job.status,
    attempts: job.attempts,
    max_attempts: job.maxAttempts,
    progress: job.progress,
    payload: job.payload,
    result: job.result,
    error: job.error,
    errors: job.errors,
    timeout_ms: job.timeoutMs,
    cancel_requested_at: iso(job.cancelRequestedAt),
    schedule_name: job.scheduleName,
    scheduled_for: iso(job.scheduledFor),
    run_at: iso(job.runAt),
    created_at: job.createdAt.toISOString(),
    started_at: iso(job.startedAt),
    finished_at: iso(job.finishedAt),
    updated_at: job.updatedAt.toISOString(),
  };
}
