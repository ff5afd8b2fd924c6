import { CreateJobStatuses1763800000000 } from './1763800000000-create-job-statuses';
import { AddCancellationAndTimeout1763900000000 } from './1763900000000-add-cancellation-and-timeout';
import { AddScheduleOrigin1764000000000 } from './1764000000000-add-schedule-origin';
import { AddErrorHistory1764100000000 } from './1764100000000-add-error-history';
import { AddRetentionIndex1764200000000 } from './1764200000000-add-retention-index';
import { AddRecoveryBookkeeping1764300000000 } from './1764300000000-add-recovery-bookkeeping';
import { AddTransactionalEnqueue1764400000000 } from './1764400000000-add-transactional-enqueue';
import { AddApiKeys1764510000000 } from './1764510000000-add-api-keys';
import { AddTenantIndexes1764520000000 } from './1764520000000-add-tenant-indexes';
import { AddPendingJobsIndex1764610000000 } from './1764610000000-add-pending-jobs-index';
import { CreateAuditLog1764620000000 } from './1764620000000-create-audit-log';
import { AddRowVersion1764700000000 } from './1764700000000-add-row-version';
import { AddJobDependencies1764800000000 } from './1764800000000-add-job-dependencies';
import { AddListFilterIndexes1764830000000 } from './1764830000000-add-list-filter-indexes';
import { CreateQueuePauses1764840000000 } from './1764840000000-create-queue-pauses';
import { AddWebhooks1764810000000 } from './1764810000000-add-webhooks';
import { PartitionJobStatuses1764850000000 } from './1764850000000-partition-job-statuses';
import { AddFairHandOff1764860000000 } from './1764860000000-add-fair-hand-off';
import { CreateRateLimits1764870000000 } from './1764870000000-create-rate-limits';
import { HeldBackUntilHanded1764880000000 } from './1764880000000-held-back-until-handed';
import { FindDependentsByIndex1764890000000 } from './1764890000000-find-dependents-by-index';
import { IndexHandOffSweep1764900000000 } from './1764900000000-index-hand-off-sweep';

/**
 * Every migration of the job_statuses table (and of jobs_enqueue, api_keys and audit_log
 * beside it), oldest first.
 */
export const JOB_STATUS_MIGRATIONS = [
  CreateJobStatuses1763800000000,
  AddCancellationAndTimeout1763900000000,
  AddScheduleOrigin1764000000000,
  AddErrorHistory1764100000000,
  AddRetentionIndex1764200000000,
  AddRecoveryBookkeeping1764300000000,
  AddTransactionalEnqueue1764400000000,
  AddApiKeys1764510000000,
  AddTenantIndexes1764520000000,
  AddPendingJobsIndex1764610000000,
  CreateAuditLog1764620000000,
  AddRowVersion1764700000000,
  AddJobDependencies1764800000000,
  AddWebhooks1764810000000,
  AddListFilterIndexes1764830000000,
  CreateQueuePauses1764840000000,
  PartitionJobStatuses1764850000000,
  AddFairHandOff1764860000000,
  CreateRateLimits1764870000000,
  HeldBackUntilHanded1764880000000,
  FindDependentsByIndex1764890000000,
  IndexHandOffSweep1764900000000,
];
