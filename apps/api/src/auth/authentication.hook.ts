import { OPEN_CALLER } from '@lib/auth';
import type { ApiKeyVerifier } from '@lib/auth';
import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';
import type { FastifyInstance } from 'fastify';
import { sendError } from '../http/send-error';
import { isOpenRoute } from './open-routes';
import './request-caller';

/**
 * Sets `request.caller` from the request's API key before anything else reads the
 * request, as a Fastify onRequest hook: a Nest guard would run after body parsing, and
 * a Nest middleware on Fastify misses the paths under its own. Without a valid key the
 * answer is 401 with a Bearer challenge; with authentication off every request is
 * OPEN_CALLER's.
 */
export function authenticateRequests(
  fastify: FastifyInstance,
  verifier: ApiKeyVerifier,
  enabled: boolean,
): void {
  fastify.decorateRequest('caller', null);
  fastify.addHook('onRequest', async (request, reply) => {
    // The route pattern matched, not the raw URL: no spelling of a path slips past.
    if (isOpenRoute(request.routeOptions.url)) {
      return;
    }
    if (!enabled) {
      request.caller = OPEN_CALLER;
      return;
    }
    try {
      request.caller = await verifier.callerOf(request.headers.authorization);
    } catch (error) {
      if (error instanceof PlatformError && error.category === ERROR_CATEGORIES.unauthenticated) {
        void reply.header('www-authenticate', 'Bearer realm="jobs-platform"');
      }
      return sendError(reply, error);
    }
  });
}
