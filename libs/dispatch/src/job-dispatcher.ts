import { randomUUID } from 'node:crypto';
import { JOB_STATES, JobStatusReader, JobStatusRecorder } from '@lib/job-status';
import type { AwaitingHandOff, JobStatus, NewJobStatus, StoredBackoff } from '@lib/job-status';
import { JobRegistry, validatePayload } from '@lib/jobs';
import { PlatformMetrics } from '@lib/metrics';
import { PlatformConfig } from '@lib/config';
import type { BaseJob } from '@lib/jobs';
import { QueueUnavailableError, UnknownQueueError, isQueueName } from '@lib/queues';
import type { BackoffPolicy, QueueName } from '@lib/queues';
import { Injectable, Logger } from '@nestjs/common';
import type { DispatchRequest, DispatchResult } from './dispatch-request';
import { IdempotencyConflictError } from './idempotency-conflict.error';
import { JobHandOff } from './job-hand-off';
import { JobNotRetryableError } from './job-not-retryable.error';
import { requestHash } from './request-hash';
import { TimeoutTooLongError } from './timeout-too-long.error';

const DEFAULT_TENANT = 'default';

const storedBackoff = (policy: BackoffPolicy): StoredBackoff => ({
  type: policy.type,
  delay_ms: policy.delayMs,
  ...(policy.maxDelayMs === undefined ? {} : { max_delay_ms: policy.maxDelayMs }),
});

/**
 * The one way a job comes to exist, for the API and the scheduler alike:
 * validate → record in Postgres → hand to Redis → mark dispatched. The row is
 * committed before Redis hears of the job, so no acknowledged job is unknown to
 * Postgres. A hand-off that fails (Redis down, slow, or this process dies) leaves the
 * row waiting, and the hand-off sweep (`@lib/recovery`) gives it to Redis later: the
 * job is acknowledged either way.
 */
@Injectable()
export class JobDispatcher {
  private readonly logger = new Logger('dispatch');

  constructor(
    private readonly registry: JobRegistry,
    private readonly handOff: JobHandOff,
    private readonly reader: JobStatusReader,
    private readonly recorder: JobStatusRecorder,
    private readonly metrics: PlatformMetrics,
    private readonly config: PlatformConfig,
  ) {}

  /**
   * @throws UnknownJobTypeError, InvalidPayloadError, UnknownQueueError (nothing written)
   * @throws IdempotencyConflictError when the key was used for a different request
   */
  async dispatch(request: DispatchRequest): Promise<DispatchResult> {
    const job = this.registry.get(request.type);
    const payload = await validatePayload(job, request.payload);
    const queue = request.queue ?? job.defaultQueue;
    if (!isQueueName(queue)) {
      throw new UnknownQueueError(queue);
    }
    const maxTimeoutMs = this.config.jobs.maxTimeoutMs;
    if (request.timeoutMs !== undefined && request.timeoutMs > maxTimeoutMs) {
      throw new TimeoutTooLongError(request.timeoutMs, maxTimeoutMs);
    }
    const tenantId = request.tenantId ?? DEFAULT_TENANT;
    // The origin is not part of what is asked: the two passes of a tick in a daylight-saving
    // overlap are one tick (one key) although their instants differ.
    const hash = requestHash({ ...request, origin: undefined, payload, tenantId });
    if (request.idempotencyKey !== undefined) {
      const existing = await this.reader.findByIdempotencyKey(tenantId, request.idempotencyKey);
      if (existing) {
        return this.replay(existing, hash);
      }
    }
    const row = this.newRow(request, job, { queue, tenantId, payload, hash });
    if (!(await this.recorder.create(row))) {
      // Lost a race with an identical key: the other request's row is the job.
      const winner = await this.reader.findByIdempotencyKey(tenantId, request.idempotencyKey ?? '');
      return this.replay(winner as JobStatus, hash);
    }
    this.metrics.jobsCreated.inc({ type: row.type, queue });
    await this.handOver(row, () => this.handOff.place([row]).then(() => true));
    return { jobId: row.id, status: row.status, created: true };
  }

  /**
   * Queues a failed or cancelled job again, same payload, with a fresh attempt budget;
   * its errors stay on record.
   * @throws JobNotFoundError, JobNotRetryableError (409) for any other status
   */
  async retry(jobId: string): Promise<DispatchResult> {
    const job = await this.reader.get(jobId);
    const retryable = job.status === JOB_STATES.failed || job.status === JOB_STATES.cancelled;
    if (!retryable || !(await this.recorder.requeue(jobId, 'api'))) {
      throw new JobNotRetryableError(jobId, (await this.reader.get(jobId)).status);
    }
    const row = { ...job, status: JOB_STATES.queued, runAt: null, attempts: 0 };
    // The failed copy may still be locked by the worker that failed it: then the sweep
    // hands the job over once that worker let go.
    await this.handOver(row, async () => (await this.handOff.replace([row])).length > 0);
    return { jobId, status: JOB_STATES.queued, created: false };
  }

  /**
   * Tries the hand-off now, so that an idle worker starts the job at once. Marking it
   * dispatched is not awaited: should that write be lost, the sweep finds the row and
   * hands it over again, which Redis ignores while it holds the job.
   */
  private async handOver(row: AwaitingHandOff, attempt: () => Promise<boolean>): Promise<void> {
    try {
      if (await attempt()) {
        this.recorder.markDispatched(row.id).catch((error: Error) => {
          this.logger.debug(`Job ${row.id} is in Redis, not yet marked so: ${error.message}`);
        });
      }
    } catch (error) {
      if (!(error instanceof QueueUnavailableError)) {
        throw error;
      }
      this.logger.debug(error.message);
    }
  }

  private newRow(
    request: DispatchRequest,
    job: BaseJob,
    decided: { queue: QueueName; tenantId: string; payload: object; hash: string },
  ): NewJobStatus {
    const { queue, tenantId, payload, hash } = decided;
    const delayMs = this.delayOf(request);
    return {
      id: randomUUID(),
      tenantId,
      type: job.type,
      queue,
      priority: request.priority ?? 0,
      status: delayMs > 0 ? JOB_STATES.scheduled : JOB_STATES.queued,
      payload,
      result: null,
      error: null,
      progress: null,
      attempts: 0,
      maxAttempts: request.maxAttempts ?? job.retryPolicy.maxAttempts,
      timeoutMs: Math.min(request.timeoutMs ?? job.defaultTimeoutMs, this.config.jobs.maxTimeoutMs),
      backoff: storedBackoff(request.backoff ?? job.retryPolicy.backoff),
      runAt: delayMs > 0 ? new Date(Date.now() + delayMs) : null,
      idempotencyKey: request.idempotencyKey ?? null,
      requestHash: request.idempotencyKey === undefined ? null : hash,
      leaseId: null,
      scheduleName: request.origin?.schedule ?? null,
      scheduledFor: request.origin?.tick ?? null,
      dispatchedAt: null,
      startedAt: null,
      finishedAt: null,
    };
  }

  // A replayed row that was never handed over is the sweep's: it hands it over within seconds.
  private replay(existing: JobStatus, hash: string): DispatchResult {
    if (existing.requestHash !== hash) {
      throw new IdempotencyConflictError(existing.idempotencyKey ?? '', existing.id);
    }
    return { jobId: existing.id, status: existing.status, created: false };
  }

  private delayOf(request: DispatchRequest): number {
    if (request.runAt !== undefined) {
      return Math.max(0, request.runAt.getTime() - Date.now());
    }
    return request.delayMs ?? 0;
  }
}
