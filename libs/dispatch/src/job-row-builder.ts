import { randomUUID } from 'node:crypto';
import { DEFAULT_TENANT } from '@lib/auth';
import { PlatformConfig } from '@lib/config';
import { JOB_STATES, ON_DEPENDENCY_FAILURE } from '@lib/job-status';
import type { NewJobStatus, StoredBackoff } from '@lib/job-status';
import { JobRegistry, validatePayload } from '@lib/jobs';
import type { BaseJob } from '@lib/jobs';
import { UnknownQueueError, isQueueName } from '@lib/queues';
import type { BackoffPolicy } from '@lib/queues';
import { Injectable } from '@nestjs/common';
import type { DispatchRequest } from './dispatch-request';
import { jobWebhook } from './job-webhook';
import { requestHash } from './request-hash';
import { PayloadTooLargeError } from './payload-too-large.error';
import { TimeoutTooLongError } from './timeout-too-long.error';

const storedBackoff = (policy: BackoffPolicy): StoredBackoff => ({
  type: policy.type,
  delay_ms: policy.delayMs,
  ...(policy.maxDelayMs === undefined ? {} : { max_delay_ms: policy.maxDelayMs }),
});

/** A request made into the row it creates; `row.requestHash` tells a replay apart. */
export interface JobDraft {
  row: NewJobStatus;
}

/** Checks a request against its job type and the platform's limits, and drafts its row. */
@Injectable()
export class JobRowBuilder {
  constructor(
    private readonly registry: JobRegistry,
    private readonly config: PlatformConfig,
  ) {}

  /**
   * @throws UnknownJobTypeError, PayloadTooLargeError, InvalidPayloadError, UnknownQueueError,
   * TimeoutTooLongError, WebhookIncompleteError
   */
  async draft(request: DispatchRequest): Promise<JobDraft> {
    const job = this.registry.get(request.type);
    this.checkPayloadSize(job, request.payload);
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
    // Only a keyed request can be replayed. The origin is not part of what is asked: the
    // two passes of a tick in a daylight-saving overlap are one tick (one key) although
    // their instants differ.
    const hash =
      request.idempotencyKey === undefined
        ? null
        : requestHash({ ...request, origin: undefined, payload, tenantId });
    const delayMs = delayOf(request);
    const webhook = jobWebhook(request, tenantId, this.config.webhooks.tenantWebhooks);
    const row: NewJobStatus = {
      id: randomUUID(),
      tenantId,
      type: job.type,
      queue,
      priority: request.priority ?? 0,
      status: delayMs > 0 ? JOB_STATES.scheduled : JOB_STATES.queued,
      payload,
      attempts: 0,
      maxAttempts: request.maxAttempts ?? job.retryPolicy.maxAttempts,
      timeoutMs: Math.min(request.timeoutMs ?? job.defaultTimeoutMs, maxTimeoutMs),
      backoff: storedBackoff(request.backoff ?? job.retryPolicy.backoff),
      runAt: delayMs > 0 ? new Date(Date.now() + delayMs) : null,
      idempotencyKey: request.idempotencyKey ?? null,
      requestHash: hash,
      scheduleName: request.origin?.schedule ?? null,
      scheduledFor: request.origin?.tick ?? null,
      // The trigger that records a job decides whether it waits (see JOB_STATES.waiting).
      dependsOn: request.dependsOn?.length ? [...request.dependsOn] : null,
      onDependencyFailure: request.onDependencyFailure ?? ON_DEPENDENCY_FAILURE.cancel,
      webhookUrl: webhook.url,
      webhookSecret: webhook.secret,
      handOffWindow: this.config.limits.fairShare.directWindowOf(tenantId),
    };
    return { row };
  }

  // Before validation: class-transformer and class-validator then never walk a huge payload.
  private checkPayloadSize(job: BaseJob, payload: unknown): void {
    const maxBytes = job.payloadMaxBytes ?? this.config.jobs.payloadMaxBytes;
    const bytes = Buffer.byteLength(JSON.stringify(payload) ?? '', 'utf8');
    if (bytes > maxBytes) {
      const source =
        job.payloadMaxBytes === null ? 'JOB_PAYLOAD_MAX_BYTES' : `the cap ${job.type} declares`;
      throw new PayloadTooLargeError(job.type, bytes, maxBytes, source);
    }
  }
}

function delayOf(request: DispatchRequest): number {
  if (request.runAt !== undefined) {
    return Math.max(0, request.runAt.getTime() - Date.now());
  }
  return request.delayMs ?? 0;
}
