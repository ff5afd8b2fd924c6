import type { TenantWebhooks } from '@lib/config';
import type { DispatchRequest } from './dispatch-request';
import { WebhookIncompleteError } from './webhook-incomplete.error';

/** The webhook a new job carries: its own fields, completed by its tenant's default. */
export interface JobWebhook {
  url: string | null;
  secret: string | null;
}

/**
 * The request's endpoint and secret, each falling back on the tenant's default.
 * @throws WebhookIncompleteError when one of the two is left without the other
 */
export function jobWebhook(
  request: DispatchRequest,
  tenantId: string,
  defaults: TenantWebhooks | null,
): JobWebhook {
  const fallback = defaults?.forTenant(tenantId);
  const url = request.webhook?.url ?? fallback?.url ?? null;
  const secret = request.webhook?.secret ?? fallback?.secret ?? null;
  if (url !== null && secret === null) {
    throw new WebhookIncompleteError('webhook_secret');
  }
  if (secret !== null && url === null) {
    throw new WebhookIncompleteError('webhook_url');
  }
  return { url, secret };
}
