// Owns: the one dispatch path (validate → record → queue → mark dispatched) and idempotency.
// Must not import: bullmq directly, any app (the API and the scheduler both call it).
export type { DispatchRequest, DispatchResult } from './dispatch-request';
export { DispatchModule } from './dispatch.module';
export { IdempotencyConflictError } from './idempotency-conflict.error';
export { JobDispatcher } from './job-dispatcher';
