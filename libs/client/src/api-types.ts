/**
 * The API's documents as they travel (snake_case), for callers of JobsClient.
 *
 * Each is derived from openapi.generated.ts (generated from the API's committed openapi.json by
 * `npm run client:types`), and reached by path and status code rather than by schema name, so
 * that renaming a DTO does not break the client but changing what a route answers does.
 * Where the document is looser than the wire (a field typed `string` that is an enum, a
 * generic result), a type narrows it; `Narrow` refuses a narrowing the document contradicts.
 */
import type { paths } from './openapi.generated.js';

type Json<Answer> = Answer extends { content: { 'application/json': infer Body } } ? Body : never;

/**
 * `Schema` with the fields of `Narrowed` replaced. Each replacement must be assignable to the
 * document's own type of that field, and name a field the document has: otherwise the build
 * fails, which is how a change of the API's document reaches the client.
 */
type Narrow<
  Schema,
  Narrowed extends {
    [Field in keyof Narrowed]: Field extends keyof Schema ? Schema[Field] : never;
  },
> = Omit<Schema, keyof Narrowed> & Narrowed;

type JobStatusView = Json<paths['/job-status/{id}']['get']['responses'][200]>;
type CreateJobBody = Json<paths['/create-jobs']['post']['requestBody']>;
type SingleJobBody = Exclude<CreateJobBody, { jobs: unknown }>;
type BatchAnswer = Extract<
  Json<paths['/create-jobs']['post']['responses'][200]>,
  { results: unknown }
>;

/** A job's status, from creation to one of the FINAL_STATES. */
export type JobState = JobStatusView['status'];

/** The states a job never leaves: waiting for a job ends at one of them. */
export const FINAL_STATES: readonly JobState[] = ['completed', 'failed', 'cancelled'];

/** How the delay between attempts grows; `delay_ms` and `max_delay_ms` in ms. */
export type BackoffRequest = NonNullable<SingleJobBody['backoff']>;

/** The body of `POST /create-jobs` for one job; `payload` is the job type's own input. */
export type CreateJobRequest<Payload = Record<string, unknown>> = Omit<SingleJobBody, 'payload'> & {
  payload: Payload;
};

type CreatedJobView = Json<paths['/create-jobs']['post']['responses'][202]>;

/** The API's answer to a created (202) or replayed (200) job. */
export type CreatedJob = Narrow<
  CreatedJobView,
  // The states the document allows, JobState's all while it only says `string`.
  { status: Extract<JobState, CreatedJobView['status']> }
>;

/** The API's error body, as it answers a request (or one job of a batch). */
export type ErrorDocument = Json<paths['/create-jobs']['post']['responses'][400]>;

type BatchResult = BatchAnswer['results'][number];

/** What became of one job of a batch (see `JobsClient.createJobs`). */
export type JobCreation =
  | Narrow<BatchResult, { result: 'created' | 'replayed'; status_code: 202 | 200 } & CreatedJob>
  | Narrow<BatchResult, { result: 'refused'; error: ErrorDocument }>;

/** One failed attempt's error. */
export type JobErrorDocument = JobStatusView['errors'][number];

/**
 * A job's status document. `Result` types `result`, which the document only knows as an
 * object; `progress` is a number from 0 to 100, or an object a job type sets.
 */
export type JobStatusDocument<Result = unknown> = Omit<JobStatusView, 'result'> & {
  result: Result | null;
};

type ListQuery = NonNullable<paths['/jobs']['get']['parameters']['query']>;

/** Filters and paging of `GET /jobs`. */
export type ListJobsQuery = Partial<Omit<ListQuery, 'fields'>> & {
  /**
   * The fields each job carries, the others left out (the API then does not read a payload
   * or result nobody asked for); default every field. The jobs are typed whole regardless.
   */
  fields?: ReadonlyArray<keyof JobStatusDocument>;
};

/** One page of `GET /jobs`, newest first; `next_cursor` is null on the last page. */
export type JobPage = Omit<Json<paths['/jobs']['get']['responses'][200]>, 'jobs'> & {
  jobs: JobStatusDocument[];
};

/** The answer to a cancel: `cancelling` while the worker running the job stops it. */
export type CancelledJob = Json<paths['/jobs/{id}/cancel']['post']['responses'][200]>;

/** Every attempt to deliver a job's webhook, oldest first (`GET /job-status/:id/deliveries`). */
export type WebhookDeliveries = Json<paths['/job-status/{id}/deliveries']['get']['responses'][200]>;
