// Owns: API keys, the callers they authenticate and the scopes they grant.
// Must not import: @lib/dispatch, @lib/queues, @lib/jobs (a key knows job types by name only).
export type { Caller } from './caller';
export { ALL_SCOPES, DEFAULT_SCOPES, SCOPES } from './scope';
export type { Scope } from './scope';
