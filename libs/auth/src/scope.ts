/** What an API key may do; the same strings are stored, printed by the CLI and documented. */
export const SCOPES = {
  jobsCreate: 'jobs:create',
  jobsRead: 'jobs:read',
  jobsCancel: 'jobs:cancel',
  jobsRetry: 'jobs:retry',
  schedulesRead: 'schedules:read',
  schedulesTrigger: 'schedules:trigger',
  admin: 'admin',
} as const;
export type Scope = (typeof SCOPES)[keyof typeof SCOPES];

export const ALL_SCOPES: readonly Scope[] = Object.values(SCOPES);

/** A key created without `--scopes` may do everything but administer the platform. */
export const DEFAULT_SCOPES: readonly Scope[] = ALL_SCOPES.filter((s) => s !== SCOPES.admin);
