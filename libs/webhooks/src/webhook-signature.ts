import { Webhook } from 'standardwebhooks';

/** The headers of a Standard Webhooks request. */
export interface WebhookHeaders {
  'webhook-id': string;
  /** Unix seconds. */
  'webhook-timestamp': string;
  /** `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`. */
  'webhook-signature': string;
}

/**
 * Signs one delivery attempt per the Standard Webhooks specification, with the
 * `standardwebhooks` package a receiver verifies with.
 * @param secret `whsec_…`
 * @param webhookId the same on every attempt of a delivery, so receivers can deduplicate
 */
export function webhookHeaders(
  secret: string,
  webhookId: string,
  sentAt: Date,
  body: string,
): WebhookHeaders {
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(webhookId, sentAt, body),
  };
}
