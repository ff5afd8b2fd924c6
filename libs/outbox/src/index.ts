// Owns: creating jobs inside a caller's own Postgres transaction (the outbox): the job type
// catalogue the apps write at start-up.
// Must not import: bullmq, any app (a job made here reaches Redis through the platform's
// jobs_enqueued listener, never from the caller).
export { JobTypeCatalogueWriter } from './job-type-catalogue.writer';
export { jobTypeEntry } from './job-type-entry';
export type { JobTypeEntry } from './job-type-entry';
export { OutboxModule } from './outbox.module';
