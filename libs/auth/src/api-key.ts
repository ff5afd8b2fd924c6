import type { Scope } from './scope';

/** A stored API key as `list` shows it: never its token, which only its creator saw. */
export interface ApiKey {
  id: string;
  tenant: string;
  name: string | null;
  scopes: Scope[];
  /** The job types it may create; null for any. */
  jobTypes: string[] | null;
  createdAt: Date;
  revokedAt: Date | null;
}

/** What `create` answers: the key and, this once, its token. */
export interface CreatedApiKey extends ApiKey {
  token: string;
}

/** A key to create; `scopes` defaults to DEFAULT_SCOPES, `jobTypes` to any type. */
export interface NewApiKey {
  tenant: string;
  name?: string;
  scopes?: readonly Scope[];
  jobTypes?: readonly string[];
}
