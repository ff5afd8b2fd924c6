// Owns: the job model (BaseJob, JobContext, retry policy, job errors), the registry, every job
// type and the built-in schedules declared beside them.
// Must not import: bullmq, @lib/job-status, @lib/dispatch (job code never sees how it is queued or recorded).
export { BaseJob } from './base-job';
export { BUILT_IN_SCHEDULES } from './built-in-schedules';
export { DataImportJob } from './data-import/data-import.job';
export { DAILY_IMPORTS_PAYLOAD } from './data-import/nightly-data-import.schedule';
export { InvalidPayloadError } from './errors/invalid-payload.error';
export { isPermanent } from './errors/is-permanent';
export { PermanentJobError } from './errors/permanent-job.error';
export { TransientJobError } from './errors/transient-job.error';
export { UnknownJobTypeError } from './errors/unknown-job-type.error';
export type { DependencyResult, JobContext, JobLogger } from './job-context';
export { JobRegistry } from './job-registry';
export { JOB_TYPES } from './job-types';
export { PLATFORM_JOB_TYPES } from './platform-job-types';
export type { PlatformJobTypes } from './platform-job-types';
export { JobsModule } from './jobs.module';
export { DEFAULT_RETRY_POLICY } from './retry-policy';
export type { RetryPolicy } from './retry-policy';
export type { ScheduleDefinition, ScheduleStepDefinition } from './schedule-definition';
export { SleepJob } from './sleep/sleep.job';
export { SqlTransformJob } from './sql-transform/sql-transform.job';
export { TransformCatalogue } from './sql-transform/transform-catalogue';
export { TruncateTableJob } from './truncate-table/truncate-table.job';
export { validatePayload } from './validate-payload';
