// Owns: the JobStatus record, its states and transitions, its migrations, reading and recording it.
// Must not import: @lib/jobs, @lib/queues, @lib/dispatch, bullmq (status knows nothing of how jobs run).
export { WaitingJobCanceller } from './waiting-job-canceller';
export type { WaitingJobRemoval } from './waiting-job-canceller';
export { InvalidCursorError } from './invalid-cursor.error';
export type { JobError } from './job-error';
export { JobNotFoundError } from './job-not-found.error';
export {
  JOB_STATES,
  JOB_STATE_VALUES,
  TERMINAL_STATES,
  UNFINISHED_STATES,
  WAITING_STATES,
  isTerminal,
} from './job-state';
export type { JobState } from './job-state';
export { JobStatus, ON_DEPENDENCY_FAILURE } from './job-status.entity';
export type {
  DependencyState,
  NewJobStatus,
  OnDependencyFailure,
  StoredBackoff,
} from './job-status.entity';
export { JobStatusModule } from './job-status.module';
export { JobStatusPartitioner, PARTITION_DAYS_AHEAD } from './job-status.partitioner';
export { JobStatusPruner } from './job-status.pruner';
export { statusDocument } from './status-document';
export type { StatusDocument } from './status-document';
export { JobStatusReader } from './job-status.reader';
export type { JobListColumn, JobListQuery, JobPage } from './job-status.reader';
export { JobStatusRecorder } from './job-status.recorder';
export type { AttemptOutcome, StartedAttempt } from './job-status.recorder';
export type { CreatedJob } from './created-job';
export type { PendingQuotaReached } from './pending-quota.insert';
export { CREATOR_GRACE_MS } from './fair-hand-off.sql';
export { HandOffLedger } from './hand-off-ledger';
export type { AwaitingHandOff, ClaimOptions, ClaimedRow, HandedOff } from './hand-off-ledger';
export { QueuePauseLedger } from './queue-pause.ledger';
export { RedisEpochLedger } from './redis-epoch-ledger';
export type { EpochCheck, EpochMarker } from './redis-epoch-ledger';
export { UnfinishedJobsReader } from './unfinished-jobs.reader';
export type { UnfinishedJob } from './unfinished-jobs.reader';
export { WorkerRegistry } from './worker-registry';
export { JOB_STATUS_SCHEMA } from './job-status.schema';
