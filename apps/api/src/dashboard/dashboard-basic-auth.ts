import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

const REALM = 'jobs-platform';

/** The basic-auth user name that says "the password is an API key" (which needs the admin scope). */
export const API_KEY_USER = 'api-key';

// Digests have one length whatever was typed, so the comparison takes the same time.
const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * The API key a dashboard request offers: a Bearer token, or the password of basic-auth
 * user `api-key`; undefined when it offers ADMIN_USER's password or nothing.
 */
export function dashboardKeyToken(authorization: string): string | undefined {
  const [scheme = '', encoded = ''] = authorization.split(' ');
  if (scheme.toLowerCase() === 'bearer') {
    return encoded === '' ? undefined : encoded;
  }
  if (scheme.toLowerCase() !== 'basic') {
    return undefined;
  }
  const [user, ...password] = Buffer.from(encoded, 'base64').toString('utf8').split(':');
  return user === API_KEY_USER ? password.join(':') : undefined;
}

/** Answers whether a token is a current API key with the admin scope. */
export type AdminKeyCheck = (token: string) => Promise<boolean>;

/**
 * HTTP basic auth in front of every route under `route` (the board's page, API and
 * assets), as a Fastify hook: a Nest middleware for a path only runs for that exact
 * path on Fastify, not for the paths under it. The board opens with ADMIN_USER and
 * ADMIN_PASSWORD, or with an admin-scope API key (user `api-key` and the token as the
 * password, or `Authorization: Bearer <token>`). Anything else gets 401 and a
 * challenge, so that a browser asks. Every answer forbids framing the board
 * (clickjacking its buttons).
 */
export function guardWithBasicAuth(
  fastify: FastifyInstance,
  route: string,
  credentials: { user: string; password: string },
  isAdminKey: AdminKeyCheck,
): void {
  const expected = digest(`${credentials.user}:${credentials.password}`);
  const isAdminPassword = (authorization: string): boolean => {
    const [scheme = '', encoded = ''] = authorization.split(' ');
    const given = Buffer.from(encoded, 'base64').toString('utf8');
    return scheme.toLowerCase() === 'basic' && timingSafeEqual(digest(given), expected);
  };
  const allowed = async (authorization: string): Promise<boolean> => {
    if (isAdminPassword(authorization)) {
      return true;
    }
    const token = dashboardKeyToken(authorization);
    return token !== undefined && isAdminKey(token);
  };
  fastify.addHook('onRequest', async (request, reply) => {
    // The route pattern matched, not the raw URL: no spelling of a path slips past.
    const pattern = request.routeOptions.url ?? '';
    if (pattern !== route && !pattern.startsWith(`${route}/`)) {
      return;
    }
    void reply.header('content-security-policy', "frame-ancestors 'none'");
    if (await allowed(request.headers.authorization ?? '')) {
      return;
    }
    return reply.code(401).header('www-authenticate', `Basic realm="${REALM}"`).send();
  });
}
