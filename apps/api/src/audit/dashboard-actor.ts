import { ACTOR_TYPES } from './audit-entry';
import type { Actor } from './audit-entry';

/**
 * The dashboard's user, from the basic-auth header its guard let through; a bearer
 * token (an admin-scope API key) is named by its scheme only, never by its value.
 */
export function dashboardActor(authorization: string | undefined): Actor {
  const [scheme = '', encoded = ''] = (authorization ?? '').split(' ');
  if (scheme.toLowerCase() !== 'basic') {
    return { type: ACTOR_TYPES.dashboard, id: scheme.toLowerCase() || null };
  }
  const [user] = Buffer.from(encoded, 'base64').toString('utf8').split(':');
  return { type: ACTOR_TYPES.dashboard, id: user ?? null };
}
