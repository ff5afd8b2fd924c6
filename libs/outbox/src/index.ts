// Owns: creating jobs inside a caller's own Postgres transaction (the outbox): the job type
// catalogue the apps write at start-up, and JobEnqueuer, the typed caller of jobs_enqueue().
// Must not import: bullmq, any app (a job made here reaches Redis through the platform's
// jobs_enqueued listener, never from the caller).
export { createJobEnqueuer } from './create-job-enqueuer';
export type { CreateJobEnqueuerOptions } from './create-job-enqueuer';
export { EnqueueRefusedError } from './enqueue-refused.error';
export { InvalidJobOptionsError } from './invalid-job-options.error';
export { JobEnqueuer } from './job-enqueuer';
export type { JobEnqueuerLimits } from './job-enqueuer';
export { JobTypeCatalogueWriter } from './job-type-catalogue.writer';
export { jobTypeEntry } from './job-type-entry';
export type { JobTypeEntry } from './job-type-entry';
export { OutboxModule } from './outbox.module';
export type { SqlExecutor } from './sql-executor';
