/** The API's documents as they travel (snake_case), for callers of JobsClient. */

export type JobState =
  'queued' | 'scheduled' | 'running' | 'retrying' | 'completed' | 'failed' | 'cancelled';

export const FINAL_STATES: readonly JobState[] = ['completed', 'failed', 'cancelled'];

export interface BackoffRequest {
  type: 'exponential' | 'fixed';
  delay_ms: number;
  max_delay_ms?: number;
}

export interface CreateJobRequest<Payload = Record<string, unknown>> {
  type: string;
  payload: Payload;
  queue?: 'high' | 'default' | 'low' | 'etl';
  priority?: number;
  delay_ms?: number;
  run_at?: string;
  max_attempts?: number;
  timeout_ms?: number;
  backoff?: BackoffRequest;
  idempotency_key?: string;
}

export interface CreatedJob {
  job_id: string;
  status: JobState;
  status_url: string;
}

/** The API's error body, as it answers a request (or one job of a batch). */
export interface ErrorDocument {
  statusCode: number;
  error: string;
  /** What is wrong, naming the field and the rule; one sentence per problem. */
  message: string;
  /** Stable snake_case name of the error (`invalid_payload`); match on it, not on `message`. */
  code: string;
}

/** What became of one job of a batch (see `JobsClient.createJobs`). */
export type JobCreation =
  | ({ result: 'created' | 'replayed'; status_code: 202 | 200 } & CreatedJob)
  | { result: 'refused'; status_code: number; error: ErrorDocument };

export interface JobErrorDocument {
  message: string;
  permanent: boolean;
  name: string;
  attempt: number;
  at: string;
}

export interface JobStatusDocument<Result = unknown> {
  id: string;
  type: string;
  queue: string;
  priority: number;
  status: JobState;
  attempts: number;
  max_attempts: number;
  progress: number | Record<string, unknown> | null;
  payload: Record<string, unknown>;
  result: Result | null;
  error: JobErrorDocument | null;
  errors: JobErrorDocument[];
  timeout_ms: number;
  cancel_requested_at: string | null;
  schedule_name: string | null;
  scheduled_for: string | null;
  run_at: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

export interface ListJobsQuery {
  status?: JobState;
  type?: string;
  queue?: string;
  /** Jobs per page: 1 to 200, default 50. */
  limit?: number;
  cursor?: string;
  /**
   * The fields each job carries, the others left out (the API then does not read a payload
   * or result nobody asked for); default every field. The jobs are typed whole regardless.
   */
  fields?: ReadonlyArray<keyof JobStatusDocument>;
}

export interface JobPage {
  jobs: JobStatusDocument[];
  next_cursor: string | null;
}

export interface CancelledJob {
  job_id: string;
  status: 'cancelled' | 'cancelling';
}
