import { PlatformConfig } from '@lib/config';
import {
  HandOffLedger,
  JOB_STATES,
  JobStatusReader,
  JobStatusRecorder,
  ON_DEPENDENCY_FAILURE,
} from '@lib/job-status';
import type { JobStatus } from '@lib/job-status';
import { QueueUnavailableError } from '@lib/queues';
import { Injectable, Logger } from '@nestjs/common';
import { DependencyNotRetriedError } from './dependency-not-retried.error';
import type { DispatchResult } from './dispatch-request';
import { DispatchMarker, goesToRedis } from './dispatch-marker';
import { JobHandOff } from './job-hand-off';
import { JobNotRetryableError } from './job-not-retryable.error';

/** Runs a failed or cancelled job again, by hand (POST /jobs/:id/retry). */
@Injectable()
export class JobRetrier {
  private readonly logger = new Logger('dispatch');

  constructor(
    private readonly reader: JobStatusReader,
    private readonly recorder: JobStatusRecorder,
    private readonly handOff: JobHandOff,
    private readonly marker: DispatchMarker,
    private readonly ledger: HandOffLedger,
    private readonly config: PlatformConfig,
  ) {}

  /**
   * Queues a failed or cancelled job again, same payload, with a fresh attempt budget;
   * its errors stay on record. A job with dependencies waits for them again.
   * @throws JobNotFoundError for an unknown id and for another tenant's job alike
   * @throws DependencyNotRetriedError (409) while a dependency that cancelled it stays failed
   * @throws JobNotRetryableError (409) for any other status
   */
  async retry(jobId: string, tenantId: string): Promise<DispatchResult> {
    const job = await this.reader.get(jobId, tenantId);
    const retryable = job.status === JOB_STATES.failed || job.status === JOB_STATES.cancelled;
    if (retryable) {
      refuseWhileDependencyFailed(job);
    }
    const status = retryable ? await this.recorder.requeue(jobId, 'api') : null;
    if (status === null) {
      throw new JobNotRetryableError(jobId, (await this.reader.get(jobId, tenantId)).status);
    }
    const row = { ...job, status, runAt: null, attempts: 0 };
    if (goesToRedis(status) && this.config.limits.fairShare.directWindowOf(job.tenantId) === 0) {
      // A window that must hold exactly is counted by the sweep alone.
      await this.ledger.announce([jobId]);
      return { jobId, status, created: false };
    }
    // The failed copy may still be locked by the worker that failed it: then the sweep
    // hands the job over once that worker let go.
    try {
      if (goesToRedis(status) && (await this.handOff.replace([row])).length > 0) {
        this.marker.markSoon(row);
      }
    } catch (error) {
      if (!(error instanceof QueueUnavailableError)) {
        throw error;
      }
      this.logger.debug(error.message);
    }
    return { jobId, status, created: false };
  }
}

// A job cancelled by a failed dependency would only be cancelled again.
function refuseWhileDependencyFailed(job: JobStatus): void {
  if (job.onDependencyFailure !== ON_DEPENDENCY_FAILURE.cancel) {
    return;
  }
  const blocker = job.dependencies.find(
    ({ status }) => status === JOB_STATES.failed || status === JOB_STATES.cancelled,
  );
  if (blocker) {
    throw new DependencyNotRetriedError(job.id, blocker.id, blocker.status ?? '');
  }
}
