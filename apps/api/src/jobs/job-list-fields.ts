import type { JobListColumn } from '@lib/job-status';
import type { JobStatusView } from './job-status.view';

/** Every field of a job's status document, which `GET /jobs?fields=` may choose among. */
export const JOB_LIST_FIELDS = [
  'id',
  'type',
  'queue',
  'priority',
  'status',
  'attempts',
  'max_attempts',
  'progress',
  'payload',
  'result',
  'error',
  'errors',
  'timeout_ms',
  'cancel_requested_at',
  'schedule_name',
  'scheduled_for',
  'depends_on',
  'on_dependency_failure',
  'dependencies',
  'run_at',
  'created_at',
  'started_at',
  'finished_at',
  'updated_at',
  'webhook_url',
] as const satisfies ReadonlyArray<keyof JobStatusView>;
export type JobListField = (typeof JOB_LIST_FIELDS)[number];

// Fails to compile when JobStatusView gains a field this list lacks.
const listsEveryField: Exclude<keyof JobStatusView, JobListField> extends never ? true : never =
  true;
void listsEveryField;

// The fields whose columns may be large (jsonb a job writes), left unread unless asked for.
const LARGE_FIELDS = [
  'payload',
  'result',
  'progress',
  'error',
  'errors',
] as const satisfies ReadonlyArray<JobListField & JobListColumn>;

/** The large columns `fields` leaves out; none when every field is wanted. */
export function columnsLeftOut(fields: readonly JobListField[] | undefined): JobListColumn[] {
  return fields ? LARGE_FIELDS.filter((field) => !fields.includes(field)) : [];
}

/** The document with only the chosen fields, in the order of JOB_LIST_FIELDS. */
export function pickFields(
  view: JobStatusView,
  fields: readonly JobListField[] | undefined,
): Partial<JobStatusView> {
  if (!fields) {
    return view;
  }
  return Object.fromEntries(
    JOB_LIST_FIELDS.filter((field) => fields.includes(field)).map((field) => [field, view[field]]),
  );
}
