import type { FastifyReply, FastifyRequest } from 'fastify';
import { MalformedUrlError } from './malformed-url.error';
import { PathParameterTooLongError } from './path-parameter-too-long.error';
import { sendError } from './send-error';

const longestSegment = (url: string): number =>
  Math.max(
    ...url
      .split('?')[0]
      .split('/')
      .map((segment) => segment.length),
  );

/** Fastify's router errors, as the platform's own (its message names no fix). */
function platformErrorFor(error: Error & { code?: string }, request: FastifyRequest): Error {
  if (error.code === 'FST_ERR_BAD_URL') {
    return new MalformedUrlError(request.url);
  }
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return new PathParameterTooLongError(longestSegment(request.url));
  }
  return error;
}

/**
 * Fastify's `frameworkErrors`: the errors its router raises before any hook or route runs
 * (a path it cannot decode, a parameter past its length limit). Without it Fastify writes
 * its own body, with an upper-case code and no `message` naming the fix. No onRequest hook
 * has run, so the request id is echoed here.
 */
export function answerFrameworkError(
  error: Error & { code?: string },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  reply.header('x-request-id', request.id);
  void sendError(reply, platformErrorFor(error, request));
}
