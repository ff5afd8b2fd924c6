import type { Scope } from './scope';

/**
 * Who sent a request, as the API's authentication established it: every handler and
 * every per-tenant limit reads the tenant from here, never from the request body.
 */
export interface Caller {
  /** The API key's id; null when authentication is off (`API_AUTH=off`). */
  readonly keyId: string | null;
  readonly tenant: string;
  readonly scopes: ReadonlySet<Scope>;
  /** The job types this key may create; null for any type. */
  readonly jobTypes: ReadonlySet<string> | null;
}
