import type { Caller } from './caller';
import { JobTypeNotAllowedError } from './job-type-not-allowed.error';
import type { Scope } from './scope';
import { ScopeMissingError } from './scope-missing.error';

/** @throws ScopeMissingError unless the caller holds `scope` */
export function assertScope(caller: Caller, scope: Scope): void {
  if (!caller.scopes.has(scope)) {
    throw new ScopeMissingError(scope);
  }
}

/** The refusal of a job of `type` by a key limited to other types, or undefined. */
export function jobTypeRefusal(caller: Caller, type: string): JobTypeNotAllowedError | undefined {
  return caller.jobTypes === null || caller.jobTypes.has(type)
    ? undefined
    : new JobTypeNotAllowedError(type, caller.jobTypes);
}
