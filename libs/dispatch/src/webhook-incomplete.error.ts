import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** A webhook needs both an endpoint and a secret, from the request or the tenant's default. */
export class WebhookIncompleteError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'webhook_incomplete';

  constructor(missing: 'webhook_url' | 'webhook_secret') {
    const given = missing === 'webhook_url' ? 'webhook_secret' : 'webhook_url';
    super(
      `${given} was given without ${missing}, and the tenant has no default webhook ` +
        `(TENANT_WEBHOOKS): send ${missing} too, or neither.`,
    );
  }
}
