import { ALL_SCOPES } from './scope';
import type { Scope } from './scope';
import { UnknownScopeError } from './unknown-scope.error';

const isScope = (value: string): value is Scope =>
  (ALL_SCOPES as readonly string[]).includes(value);

/**
 * The scopes of a comma-separated list such as `jobs:create,jobs:read`, without repeats.
 * @throws UnknownScopeError naming the first entry that is no scope
 */
export function parseScopes(list: string): Scope[] {
  const scopes = new Set<Scope>();
  for (const entry of list.split(',').map((item) => item.trim())) {
    if (!isScope(entry)) {
      throw new UnknownScopeError(entry);
    }
    scopes.add(entry);
  }
  return [...scopes];
}
