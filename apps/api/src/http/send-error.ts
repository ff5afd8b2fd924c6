import { HttpException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { errorAnswer } from './error-answer';
import { retryAfterSeconds } from './retry-later';

/**
 * Answers an error: errorAnswer's body, and `Retry-After` (seconds) for an error that
 * says when to try again. Used by the exception filter and by the Fastify hooks that
 * answer before Nest's filter could.
 */
export function sendError(reply: FastifyReply, exception: unknown): FastifyReply {
  const answer = errorAnswer(exception);
  // An HttpException's own body (a readiness report) need not carry its status.
  const status = exception instanceof HttpException ? exception.getStatus() : answer.statusCode;
  const retryAfter = retryAfterSeconds(exception);
  if (retryAfter !== undefined) {
    void reply.header('retry-after', String(retryAfter));
  }
  return reply.status(status).send(answer);
}
