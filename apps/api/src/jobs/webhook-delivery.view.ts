import type { WebhookAttempt } from '@lib/webhooks';
import { ApiProperty } from '@nestjs/swagger';
import { DATE_TIME, JOB_ID } from '../openapi/schema-options';

/** One attempt to deliver a job's webhook. */
export class WebhookDeliveryView {
  /** The delivery job: one per final status the job reached; GET /job-status/<it> follows its retries. */
  @ApiProperty(JOB_ID)
  delivery_id!: string;
  /** The `webhook-id` header, the same on every attempt of a delivery. @example "msg_6b0c2a4e-8f1d-4c33-9a57-1f2e3d4c5b6a" */
  webhook_id!: string;
  /** 1 for the first attempt of the delivery. @example 1 */
  @ApiProperty({ type: 'integer', minimum: 1 })
  attempt!: number;
  /** Where it was sent, without user info or query string. @example "https://example.com/hooks/jobs" */
  url!: string;
  @ApiProperty(DATE_TIME)
  attempted_at!: string;
  /** From sending to the answer (or the failure), in ms. @example 42 */
  @ApiProperty({ type: 'integer', minimum: 0 })
  duration_ms!: number;
  /** The receiver's HTTP status; null when none came (refused, timed out, unreachable). @example 200 */
  @ApiProperty({ type: 'integer', nullable: true })
  status_code!: number | null;
  /** Why the attempt did not count; null for a 2xx answer. */
  @ApiProperty({ type: 'string', nullable: true, example: null })
  error!: string | null;
}

export const webhookDeliveryView = (attempt: WebhookAttempt): WebhookDeliveryView => ({
  delivery_id: attempt.deliveryId,
  webhook_id: attempt.webhookId,
  attempt: attempt.attempt,
  url: attempt.url,
  attempted_at: attempt.attemptedAt.toISOString(),
  duration_ms: attempt.durationMs,
  status_code: attempt.statusCode,
  error: attempt.error,
});
