// Owns: job webhooks: signing per Standard Webhooks, the delivery job, and its attempts' record.
// Must not import: bullmq, @lib/dispatch, any app (a delivery is an ordinary job to the worker).
export type { WebhookAttempt } from './webhook-attempt';
export { WebhookAttemptsReader } from './webhook-attempts.reader';
export { WEBHOOK_MAX_ATTEMPTS, WebhookDeliveryJob } from './webhook-delivery.job';
export type { WebhookDeliveryResult } from './webhook-delivery.job';
export { WebhookDeliveryModule } from './webhook-delivery.module';
export { webhookHeaders } from './webhook-signature';
export type { WebhookHeaders } from './webhook-signature';
