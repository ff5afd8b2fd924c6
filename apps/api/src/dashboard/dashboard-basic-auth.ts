import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

const REALM = 'jobs-platform';

// Digests have one length whatever was typed, so the comparison takes the same time.
const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * HTTP basic auth in front of every route under `route` (the board's page, API and
 * assets), as a Fastify hook: a Nest middleware for a path only runs for that exact
 * path on Fastify, not for the paths under it. A missing or wrong user or password gets
 * 401 and a challenge, so that a browser asks for them.
 */
export function guardWithBasicAuth(
  fastify: FastifyInstance,
  route: string,
  credentials: { user: string; password: string },
): void {
  const expected = digest(`${credentials.user}:${credentials.password}`);
  fastify.addHook('onRequest', (request, reply, done) => {
    // The route pattern matched, not the raw URL: no spelling of a path slips past.
    const pattern = request.routeOptions.url ?? '';
    if (pattern !== route && !pattern.startsWith(`${route}/`)) {
      done();
      return;
    }
    const [scheme = '', encoded = ''] = (request.headers.authorization ?? '').split(' ');
    const given = digest(Buffer.from(encoded, 'base64').toString('utf8'));
    if (scheme.toLowerCase() === 'basic' && timingSafeEqual(given, expected)) {
      done();
      return;
    }
    void reply.code(401).header('www-authenticate', `Basic realm="${REALM}"`).send();
  });
}
