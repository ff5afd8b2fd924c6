import { PlatformConfig } from '@lib/config';
import { statusDocument } from '@lib/job-status';
import { BaseJob, PermanentJobError, TransientJobError } from '@lib/jobs';
import type { JobContext, RetryPolicy } from '@lib/jobs';
import { redactedUrl } from '@lib/outbound';
import { Injectable } from '@nestjs/common';
import { WebhookAttemptRecorder } from './webhook-attempt.recorder';
import { WebhookDeliveryPayload } from './webhook-delivery.payload';
import { WebhookSender } from './webhook-sender';
import { WebhookTargetReader } from './webhook-target.reader';

/** Attempts of one delivery, the first included. */
export const WEBHOOK_MAX_ATTEMPTS = 8;

export interface WebhookDeliveryResult {
  webhook_id: string;
  status_code: number;
}

/**
 * Delivers a final job's status document to its webhook (created by a trigger when the job
 * became final, see migration AddWebhooks). The `webhook-id` is the delivery's own id, the
 * same on every attempt; each attempt is recorded, and only a 2xx answer ends it.
 */
@Injectable()
export class WebhookDeliveryJob extends BaseJob<WebhookDeliveryPayload, WebhookDeliveryResult> {
  readonly type = 'webhook_delivery';
  override readonly defaultQueue = 'webhooks';
  readonly payloadClass = WebhookDeliveryPayload;
  override readonly retryPolicy: RetryPolicy;
  override readonly defaultTimeoutMs: number;

  constructor(
    private readonly targets: WebhookTargetReader,
    private readonly sender: WebhookSender,
    private readonly attempts: WebhookAttemptRecorder,
    config: PlatformConfig,
  ) {
    super();
    // Exponential with equal jitter, doubling from WEBHOOK_RETRY_BASE_MS: with the default
    // 15 min, the 7 waits add up to 16 to 32 h (about a day on average).
    this.retryPolicy = {
      maxAttempts: WEBHOOK_MAX_ATTEMPTS,
      backoff: {
        type: 'exponential',
        delayMs: config.webhooks.retryBaseMs,
        maxDelayMs: 86_400_000,
      },
    };
    // The attempt's own limit is WEBHOOK_TIMEOUT_MS; this one leaves room to record it.
    this.defaultTimeoutMs = config.webhooks.timeoutMs + 30_000;
  }

  async perform(payload: WebhookDeliveryPayload, ctx: JobContext): Promise<WebhookDeliveryResult> {
    const target = await this.targets.read(payload.job_id);
    if (!target) {
      throw new PermanentJobError(`Job ${payload.job_id} no longer exists or has no webhook.`);
    }
    const webhookId = `msg_${ctx.jobId}`;
    const attemptedAt = new Date();
    const response = await this.sender.send(
      {
        url: target.url,
        secret: target.secret,
        webhookId,
        body: JSON.stringify(statusDocument(target.job)),
      },
      ctx.signal,
    );
    const url = redactedUrl(target.url);
    await this.attempts.record({
      jobId: target.job.id,
      deliveryId: ctx.jobId,
      webhookId,
      attempt: ctx.attempt,
      url,
      attemptedAt,
      durationMs: response.durationMs,
      statusCode: response.statusCode,
      error: response.error,
    });
    if (response.error === null) {
      return { webhook_id: webhookId, status_code: response.statusCode as number };
    }
    const message = `Webhook to ${url} not delivered: ${response.error}`;
    throw response.refused ? new PermanentJobError(message) : new TransientJobError(message);
  }
}
