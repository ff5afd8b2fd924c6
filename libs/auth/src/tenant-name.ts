import { InvalidTenantError } from './invalid-tenant.error';

/** Lowercase letters, digits, `_` and `-`, 1 to 63 characters, starting with a letter or digit. */
export const TENANT_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** The tenant every job of a schedule, and every request with API_AUTH=off, belongs to. */
export const DEFAULT_TENANT = 'default';

/** @throws InvalidTenantError unless `name` matches TENANT_NAME */
export function checkTenantName(name: string): string {
  if (!TENANT_NAME.test(name)) {
    throw new InvalidTenantError(name);
  }
  return name;
}
