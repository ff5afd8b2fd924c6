import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

export class InvalidTenantError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'tenant_invalid';

  constructor(readonly tenant: string) {
    super(
      `Tenant ${JSON.stringify(tenant.slice(0, 80))} is not a valid tenant name: use 1 to 63 lowercase letters, digits, "_" or "-", starting with a letter or digit.`,
    );
  }
}
