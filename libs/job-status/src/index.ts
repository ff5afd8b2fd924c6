// Owns: the JobStatus record, its states and transitions, its migrations, reading and recording it.
// Must not import: @lib/jobs, @lib/queues, @lib/dispatch, bullmq (status knows nothing of how jobs run).
export { InvalidCursorError } from './invalid-cursor.error';
export type { JobError } from './job-error';
export { JobNotFoundError } from './job-not-found.error';
export { JOB_STATES, JOB_STATE_VALUES, TERMINAL_STATES, isTerminal } from './job-state';
export type { JobState } from './job-state';
export { JobStatus } from './job-status.entity';
export type { NewJobStatus, StoredBackoff } from './job-status.entity';
export { JobStatusModule } from './job-status.module';
export { JobStatusPruner } from './job-status.pruner';
export { JobStatusReader } from './job-status.reader';
export type { JobListQuery, JobPage } from './job-status.reader';
export { JobStatusRecorder } from './job-status.recorder';
export type { AttemptOutcome } from './job-status.recorder';
export { JOB_STATUS_SCHEMA } from './job-status.schema';
