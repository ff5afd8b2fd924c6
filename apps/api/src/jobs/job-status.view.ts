import type { JobError, JobState, JobStatus } from '@lib/job-status';

/** A job's status as the API shows it (snake_case, ISO-8601 times). */
export interface JobStatusView {
  id: string;
  type: string;
  queue: string;
  priority: number;
  status: JobState;
  attempts: number;
  max_attempts: number;
  progress: unknown;
  payload: unknown;
  result: unknown;
  error: JobError | null;
  run_at: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
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
    run_at: iso(job.runAt),
    created_at: job.createdAt.toISOString(),
    started_at: iso(job.startedAt),
    finished_at: iso(job.finishedAt),
    updated_at: job.updatedAt.toISOString(),
  };
}
