import {
  WEBHOOK_SECRET_RULE,
  WEBHOOK_URL_RULE,
  isWebhookSecret,
  isWebhookUrl,
} from '@lib/validation';
import { InvalidConfigError } from './invalid-config.error';

/** Where a tenant's jobs are delivered when they name no webhook of their own. */
export interface TenantWebhook {
  readonly url: string;
  /** Standard Webhooks secret (`whsec_…`): never shown in logs or errors. */
  readonly secret: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Messages quote a URL but never a secret, nor the JSON as a whole (it holds secrets).
const refuse = (message: string): never => {
  throw new InvalidConfigError('TENANT_WEBHOOKS', message);
};

/** TENANT_WEBHOOKS, read once at start-up: `{"acme": {"url": "https://…", "secret": "whsec_…"}}`. */
export class TenantWebhooks {
  private constructor(private readonly byTenant: ReadonlyMap<string, TenantWebhook>) {}

  /**
   * @throws InvalidConfigError naming the tenant and the field, e.g.
   * `TENANT_WEBHOOKS.acme.secret must be "whsec_" followed by …`
   */
  static parse(text: string): TenantWebhooks {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return refuse('TENANT_WEBHOOKS must be JSON: an object keyed by tenant.');
    }
    if (!isObject(parsed)) {
      return refuse('TENANT_WEBHOOKS must be a JSON object keyed by tenant.');
    }
    const byTenant = new Map<string, TenantWebhook>();
    for (const [tenant, entry] of Object.entries(parsed)) {
      byTenant.set(tenant, webhookOf(`TENANT_WEBHOOKS.${tenant}`, entry));
    }
    return new TenantWebhooks(byTenant);
  }

  /** The tenant's default webhook, or undefined when it has none. */
  forTenant(tenant: string): TenantWebhook | undefined {
    return this.byTenant.get(tenant);
  }
}

function webhookOf(path: string, entry: unknown): TenantWebhook {
  if (!isObject(entry)) {
    return refuse(`${path} must be an object {"url": "https://…", "secret": "whsec_…"}.`);
  }
  const unknown = Object.keys(entry).find((key) => key !== 'url' && key !== 'secret');
  if (unknown !== undefined) {
    refuse(`${path}.${unknown} is not a field; the fields are url and secret.`);
  }
  if (!isWebhookUrl(entry.url)) {
    refuse(`${path}.url ${WEBHOOK_URL_RULE}.`);
  }
  if (!isWebhookSecret(entry.secret)) {
    refuse(`${path}.secret ${WEBHOOK_SECRET_RULE}.`);
  }
  return { url: entry.url as string, secret: entry.secret as string };
}
