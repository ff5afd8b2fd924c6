import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** A create past the tenant's max_pending_jobs (TENANT_QUOTAS): nothing was written. */
export class PendingJobsQuotaExceededError extends PlatformError {
  readonly category = ERROR_CATEGORIES.limited;
  readonly code = 'pending_jobs_quota_exceeded';

  constructor(
    readonly tenant: string,
    readonly pendingJobs: number,
    readonly maxPendingJobs: number,
  ) {
    super(
      `Tenant "${tenant}" already has ${pendingJobs} unfinished jobs, its max_pending_jobs ` +
        `quota of ${maxPendingJobs} (TENANT_QUOTAS): create more once some finish, or cancel some.`,
    );
  }
}
