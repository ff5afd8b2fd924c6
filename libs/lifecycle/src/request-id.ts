import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** A caller's X-Request-Id when it looks like one, else a new id (Fastify's `genReqId`). */
export function requestId(request: { headers: IncomingHttpHeaders }): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Echoes the request id in every answer. Set on the Node response, which Fastify merges
 * into what it sends, so that answers written there directly (Server-Sent Events) carry it too.
 */
export function echoRequestId(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.raw.setHeader('x-request-id', request.id);
    done();
  });
}
