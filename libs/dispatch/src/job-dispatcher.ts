import { randomUUID } from 'node:crypto';
import { JOB_STATES, JobStatusReader, JobStatusRecorder } from '@lib/job-status';
import type { JobStatus, NewJobStatus, StoredBackoff } from '@lib/job-status';
import { JobRegistry, validatePayload } from '@lib/jobs';
import { PlatformMetrics } from '@lib/metrics';
import { PlatformConfig } from '@lib/config';
import type { BaseJob } from '@lib/jobs';
import { JobQueues, UnknownQueueError, isQueueName } from '@lib/queues';
import type { BackoffPolicy, QueueName } from '@lib/queues';
import { Injectable } from '@nestjs/common';
import type { DispatchRequest, DispatchResult } from './dispatch-request';
import { IdempotencyConflictError } from './idempotency-conflict.error';
import { JobNotRetryableError } from './job-not-retryable.error';
import { requestHash } from './request-hash';
import { TimeoutTooLongError } from './timeout-too-long.error';

const DEFAULT_TENANT = 'default';

const policyOf = (stored: StoredBackoff): BackoffPolicy => ({
  type: stored.type,
  delayMs: stored.delay_ms,
  maxDelayMs: stored.max_delay_ms,
});

const storedBackoff = (policy: BackoffPolicy): StoredBackoff => ({
  type: policy.type,
  delay_ms: policy.delayMs,
  ...(policy.maxDelayMs === undefined ? {} : { max_delay_ms: policy.maxDelayMs }),
});

/**
 * The one way a job comes to exist, for the API and the scheduler alike:
 * validate → record in Postgres → hand to Redis → mark dispatched. The row is
 * committed before Redis hears of the job, so no acknowledged job is unknown to
 * Postgres; a failed hand-off leaves the row recorded as not dispatched.
 */
@Injectable()
export class JobDispatcher {
  constructor(
    private readonly registry: JobRegistry,
    private readonly queues: JobQueues,
    private readonly reader: JobStatusReader,
    private readonly recorder: JobStatusRecorder,
    private readonly metrics: PlatformMetrics,
    private readonly config: PlatformConfig,
  ) {}

  /**
   * @throws UnknownJobTypeError, InvalidPayloadError, UnknownQueueError (nothing written)
   * @throws IdempotencyConflictError when the key was used for a different request
   * @throws QueueUnavailableError when Redis refused the job (the row stays, not dispatched)
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
    const delayMs = this.delayOf(request);
    const row = this.newRow(request, job, { queue, tenantId, payload, hash, delayMs });
    if (!(await this.recorder.create(row))) {
      // Lost a race with an identical key: the other request's row is the job.
      const winner = await this.reader.findByIdempotencyKey(tenantId, request.idempotencyKey ?? '');
      return this.replay(winner as JobStatus, hash);
    }
    await this.handOff(row, queue, request.backoff ?? job.retryPolicy.backoff, delayMs);
    this.metrics.jobsCreated.inc({ type: row.type, queue });
    return { jobId: row.id, status: row.status, created: true };
  }

  /**
   * Queues a failed or cancelled job again, same payload, with a fresh attempt budget;
   * its last error stays on record until the next attempt ends.
   * @throws JobNotFoundError, JobNotRetryableError (409) for any other status
   */
  async retry(jobId: string): Promise<DispatchResult> {
    const job = await this.reader.get(jobId);
    const retryable = job.status === JOB_STATES.failed || job.status === JOB_STATES.cancelled;
    if (!retryable || !(await this.recorder.requeue(jobId))) {
      throw new JobNotRetryableError(jobId, (await this.reader.get(jobId)).status);
    }
    const queue = job.queue as QueueName;
    // The finished copy must go: Redis ignores a new job under an id it still holds.
    await this.queues.remove(queue, jobId);
    await this.handOff(job, queue, policyOf(job.backoff), 0);
    return { jobId, status: JOB_STATES.queued, created: false };
  }

  private newRow(
    request: DispatchRequest,
    job: BaseJob,
    decided: { queue: QueueName; tenantId: string; payload: object; hash: string; delayMs: number },
  ): NewJobStatus {
    const { queue, tenantId, payload, hash, delayMs } = decided;
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

  private async replay(existing: JobStatus, hash: string): Promise<DispatchResult> {
    if (existing.requestHash !== hash) {
      throw new IdempotencyConflictError(existing.idempotencyKey ?? '', existing.id);
    }
    const waiting =
      existing.status === JOB_STATES.queued || existing.status === JOB_STATES.scheduled;
    if (existing.dispatchedAt === null && waiting) {
      await this.handOff(
        existing,
        existing.queue as QueueName,
        policyOf(existing.backoff),
        existing.runAt ? Math.max(0, existing.runAt.getTime() - Date.now()) : 0,
      );
    }
    return { jobId: existing.id, status: existing.status, created: false };
  }

  private async handOff(
    row: Pick<
      JobStatus,
      'id' | 'type' | 'payload' | 'tenantId' | 'priority' | 'maxAttempts' | 'timeoutMs'
    >,
    queue: QueueName,
    backoff: BackoffPolicy,
    delayMs: number,
  ): Promise<void> {
    await this.queues.add(
      queue,
      {
        type: row.type,
        payload: row.payload,
        backoff,
        tenantId: row.tenantId,
        timeoutMs: row.timeoutMs,
      },
      { jobId: row.id, priority: row.priority, delayMs, maxAttempts: row.maxAttempts },
    );
    await this.recorder.markDispatched(row.id);
  }

  private delayOf(request: DispatchRequest): number {
    if (request.runAt !== undefined) {
      return Math.max(0, request.runAt.getTime() - Date.now());
    }
    return request.delayMs ?? 0;
  }
}
