import { OPEN_CALLER } from '@lib/auth';
import type { ApiKeyVerifier } from '@lib/auth';
import type { FastifyInstance } from 'fastify';
import { errorAnswer } from '../http/error-answer';
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
      const answer = errorAnswer(error);
      if (answer.statusCode === 401) {
        void reply.header('www-authenticate', 'Bearer realm="jobs-platform"');
      }
      return reply.code(answer.statusCode).send(answer);
    }
  });
}
