import type { ApiKeyVerifier } from '@lib/auth';
import { dashboardKeyToken } from '../dashboard/dashboard-basic-auth';
import { actorOf } from './actor-of';
import { ACTOR_TYPES } from './audit-entry';
import type { Actor } from './audit-entry';

/**
 * Who acted on the dashboard, from the header its guard let through: an admin-scope API
 * key by its id (never its token), else the basic-auth user (ADMIN_USER).
 */
export async function dashboardActor(
  authorization: string | undefined,
  verifier: ApiKeyVerifier,
): Promise<Actor> {
  const token = dashboardKeyToken(authorization ?? '');
  const caller = token && (await verifier.callerOfToken(token).catch(() => null));
  if (caller) {
    return actorOf(caller);
  }
  const [, encoded = ''] = (authorization ?? '').split(' ');
  const [user] = Buffer.from(encoded, 'base64').toString('utf8').split(':');
  return { type: ACTOR_TYPES.dashboard, id: user ?? null };
}
