// Owns: API keys, the callers they authenticate and the scopes they grant.
// Must not import: @lib/dispatch, @lib/queues, @lib/jobs (a key knows job types by name only).
export type { ApiKey, CreatedApiKey, NewApiKey } from './api-key';
export { ApiKeyRejectedError } from './api-key-rejected.error';
export { ApiKeyRequiredError } from './api-key-required.error';
export { API_KEY_TOKEN_PREFIX, apiKeyTokenHash, newApiKeyToken } from './api-key-token';
export { ApiKeyStore } from './api-key.store';
export type { SqlRunner } from './api-key.store';
export { ApiKeyVerifier, VERIFIED_KEY_TTL_MS } from './api-key.verifier';
export type { Caller } from './caller';
export { assertScope, jobTypeRefusal } from './caller-rights';
export { InvalidTenantError } from './invalid-tenant.error';
export { OPEN_CALLER } from './open-caller';
export { JobTypeNotAllowedError } from './job-type-not-allowed.error';
export { parseScopes } from './parse-scopes';
export { ALL_SCOPES, DEFAULT_SCOPES, SCOPES } from './scope';
export type { Scope } from './scope';
export { ScopeMissingError } from './scope-missing.error';
export { DEFAULT_TENANT, TENANT_NAME, checkTenantName } from './tenant-name';
export { UnknownScopeError } from './unknown-scope.error';
