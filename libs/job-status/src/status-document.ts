import { redactedUrl } from '@lib/outbound';
import type { JobError } from './job-error';
import type { JobState } from './job-state';
import type { DependencyState, JobStatus, OnDependencyFailure } from './job-status.entity';

/**
 * A job's status document: what `GET /job-status/:id`, its event stream and a webhook
 * delivery carry (snake_case, ISO-8601 times). The API describes it in OpenAPI as
 * JobStatusView, which implements this interface.
 */
export interface StatusDocument {
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
  errors: JobError[];
  timeout_ms: number;
  cancel_requested_at: string | null;
  schedule_name: string | null;
  scheduled_for: string | null;
  depends_on: string[];
  on_dependency_failure: OnDependencyFailure;
  dependencies: DependencyState[];
  run_at: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
  /**
   * Where the webhook goes, without user info and query string (where credentials travel);
   * its secret is never part of the document.
   */
  webhook_url: string | null;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** The document of one row, as every reader of a job's status sees it. */
export function statusDocument(job: JobStatus): StatusDocument {
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
    depends_on: job.dependsOn ?? [],
    on_dependency_failure: job.onDependencyFailure,
    dependencies: job.dependencies,
    run_at: iso(job.runAt),
    created_at: job.createdAt.toISOString(),
    started_at: iso(job.startedAt),
    finished_at: iso(job.finishedAt),
    updated_at: job.updatedAt.toISOString(),
    webhook_url: job.webhookUrl ? redactedUrl(job.webhookUrl) : null,
  };
}
