import { CreateJobStatuses1763800000000 } from './1763800000000-create-job-statuses';

/** Every migration of the job_statuses table, oldest first. */
export const JOB_STATUS_MIGRATIONS = [CreateJobStatuses1763800000000];
