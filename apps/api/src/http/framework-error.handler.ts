import type { FastifyReply, FastifyRequest } from 'fastify';
import { MalformedUrlError } from './malformed-url.error';
import { sendError } from './send-error';

/**
 * Fastify's `frameworkErrors`: the errors its router raises before any hook or route runs
 * (a path it cannot decode, a parameter past its length limit). Without it Fastify writes
 * its own body, with an upper-case code and no `message` naming the fix.
 */
export function answerFrameworkError(
  error: Error & { code?: string },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  void sendError(
    reply,
    error.code === 'FST_ERR_BAD_URL' ? new MalformedUrlError(request.url) : error,
  );
}
