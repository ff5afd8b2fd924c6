import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import type { JobStatusDocument } from './api-types.js';

/** A webhook whose signature, timestamp or headers did not verify: do not trust its body. */
export class WebhookSignatureError extends Error {
  constructor(reason: string) {
    super(
      `The webhook did not verify (${reason}): check that the secret is the job's ` +
        'webhook_secret and that the body is passed exactly as received, before any JSON parsing.',
    );
    this.name = 'WebhookSignatureError';
  }
}

/** Request headers as Node (`IncomingHttpHeaders`) or fetch (`Headers`) gives them. */
export type WebhookRequestHeaders =
  Headers | Record<string, string | readonly string[] | undefined>;

const headerOf = (headers: WebhookRequestHeaders, name: string): string => {
  const value: string | readonly string[] | null | undefined =
    headers instanceof Headers ? headers.get(name) : headers[name];
  return (typeof value === 'string' ? value : value?.[0]) ?? '';
};

/**
 * Verifies a webhook the platform sent (Standard Webhooks: `webhook-id`, `webhook-timestamp`,
 * `webhook-signature`) and returns the job's status document. A timestamp more than 5
 * minutes away from now is refused, against replays. Deduplicate on `webhook-id`: it is the
 * same on every attempt of a delivery.
 * @param payload the raw body, exactly as received
 * @param secret the job's `webhook_secret` (`whsec_…`)
 * @throws WebhookSignatureError when the signature, the timestamp or a header is wrong
 */
export function verifyWebhook<Result = unknown>(
  payload: string | Buffer,
  headers: WebhookRequestHeaders,
  secret: string,
): JobStatusDocument<Result> {
  const signed = Object.fromEntries(
    ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [
      name,
      headerOf(headers, name),
    ]),
  );
  try {
    return new Webhook(secret).verify(payload, signed) as JobStatusDocument<Result>;
  } catch (error) {
    if (error instanceof WebhookVerificationError) {
      throw new WebhookSignatureError(error.message);
    }
    throw error;
  }
}
