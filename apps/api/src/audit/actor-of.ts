import type { Caller } from '@lib/auth';
import { ACTOR_TYPES } from './audit-entry';
import type { Actor } from './audit-entry';

/** The API caller as the audit log names it: its key's id, or no one with API_AUTH=off. */
export const actorOf = (caller: Caller): Actor =>
  caller.keyId === null
    ? { type: ACTOR_TYPES.open, id: null }
    : { type: ACTOR_TYPES.apiKey, id: caller.keyId };
