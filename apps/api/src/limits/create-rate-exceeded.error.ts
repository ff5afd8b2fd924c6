import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';
import type { RetryLater } from '../http/retry-later';

/** A create past the tenant's create_per_minute (TENANT_QUOTAS): nothing was written. */
export class CreateRateExceededError extends PlatformError implements RetryLater {
  readonly category = ERROR_CATEGORIES.limited;
  readonly code = 'create_rate_exceeded';

  constructor(
    readonly tenant: string,
    readonly createPerMinute: number,
    /** ms until the window that refused the create ends. */
    readonly retryAfterMs: number,
  ) {
    super(
      `Tenant "${tenant}" may create ${createPerMinute} jobs a minute (create_per_minute in ` +
        `TENANT_QUOTAS); retry in ${Math.ceil(retryAfterMs / 1000)} s.`,
    );
  }
}
