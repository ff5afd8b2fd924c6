// Owns: how jobs come and go: the one dispatch path (validate → record → queue → mark
// dispatched), idempotency, and cancellation.
// Must not import: bullmq directly, any app (the API and the scheduler both call it).
export type { DispatchRequest, DispatchResult } from './dispatch-request';
export type { DispatchOutcome } from './job-dispatcher';
export { DispatchModule } from './dispatch.module';
export { DependencyNotRetriedError } from './dependency-not-retried.error';
export { IdempotencyConflictError } from './idempotency-conflict.error';
export { JobDispatcher } from './job-dispatcher';
export { JobRetrier } from './job-retrier';
export { JobHandOff } from './job-hand-off';
export { JobAlreadyFinishedError } from './job-already-finished.error';
export { JobCanceller } from './job-canceller';
export type { CancelResult } from './job-canceller';
export { PayloadTooLargeError } from './payload-too-large.error';
export { UnknownDependencyError } from './unknown-dependency.error';
export { TimeoutTooLongError } from './timeout-too-long.error';
export { JobNotRetryableError } from './job-not-retryable.error';
export { PendingJobsQuotaExceededError } from './pending-jobs-quota-exceeded.error';
export { WebhookIncompleteError } from './webhook-incomplete.error';
