import type { Caller } from './caller';
import { ALL_SCOPES } from './scope';
import { DEFAULT_TENANT } from './tenant-name';

/** Who every request is with API_AUTH=off: tenant `default`, every scope, any job type. */
export const OPEN_CALLER: Caller = {
  keyId: null,
  tenant: DEFAULT_TENANT,
  scopes: new Set(ALL_SCOPES),
  jobTypes: null,
};
