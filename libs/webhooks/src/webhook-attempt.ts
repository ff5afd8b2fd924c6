/** One attempt to deliver a job's webhook, as webhook_deliveries keeps it. */
export interface WebhookAttempt {
  /** The job whose status was delivered. */
  jobId: string;
  /** The delivery job (one per final status reached). */
  deliveryId: string;
  /** The `webhook-id` header: the same on every attempt of a delivery. */
  webhookId: string;
  attempt: number;
  /** Redacted: no user info, no query string. */
  url: string;
  attemptedAt: Date;
  durationMs: number;
  /** The receiver's HTTP status; null when none came (refused, timed out, unreachable). */
  statusCode: number | null;
  /** Why the attempt did not count; null for a 2xx answer. */
  error: string | null;
}
