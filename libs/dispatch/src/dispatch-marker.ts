import { JobStatusRecorder, WAITING_STATES } from '@lib/job-status';
import type { AwaitingHandOff, JobState } from '@lib/job-status';
import { Injectable, Logger } from '@nestjs/common';

/**
 * Whether a job written with `status` goes to Redis now: one `waiting` for its
 * dependencies (or cancelled by them) is handed over when a trigger queues it (see
 * JOB_STATES.waiting).
 */
export const goesToRedis = (status: JobState): boolean => WAITING_STATES.includes(status);

/** Marks rows dispatched once Redis has them, without holding up the caller. */
@Injectable()
export class DispatchMarker {
  private readonly logger = new Logger('dispatch');

  constructor(private readonly recorder: JobStatusRecorder) {}

  // Not awaited: should that write be lost, the sweep finds the row and hands it over
  // again, which Redis ignores while it holds the job.
  markSoon(row: AwaitingHandOff): void {
    this.recorder.markDispatched(row.id).catch((error: Error) => {
      this.logger.debug(`Job ${row.id} is in Redis, not yet marked so: ${error.message}`);
    });
  }
}
