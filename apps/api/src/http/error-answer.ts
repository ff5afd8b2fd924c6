import { STATUS_CODES } from 'node:http';
import { isTransientDatabaseError } from '@lib/database';
import { PlatformError } from '@lib/errors';
import type { ErrorCategory } from '@lib/errors';
import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import { BODY_LIMIT_BYTES } from './body-limit';
import type { ErrorView } from './error.view';

const STATUS_OF: Record<ErrorCategory, HttpStatus> = {
  invalid_input: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  limited: HttpStatus.TOO_MANY_REQUESTS,
};

// Fastify's errors for a body it could not read (see FST_ERR_CTP_* in fastify's errors),
// which Nest wraps in an HttpException whose cause keeps their `code` and status.
const BODY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY:
    'Request body is not valid JSON: send one JSON document with content-type application/json.',
  FST_ERR_CTP_BODY_TOO_LARGE: `Request body is larger than the ${BODY_LIMIT_BYTES}-byte limit.`,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Request body is shorter or longer than its Content-Length.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE:
    'Request body must be JSON, sent with content-type application/json.',
};

function bodyMessage(exception: HttpException): string | undefined {
  const code = (exception.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? BODY_MESSAGES[code] : undefined;
}

const logger = new Logger('HTTP');

/**
 * What an error answers, in Nest's standard shape `{statusCode, error, message}`:
 * PlatformErrors by category, Nest's own HttpExceptions as they are, Postgres being
 * unreachable a 503, anything else a 500 that is logged. A whole request's error and
 * one job's refusal within a batch read the same.
 */
export function errorAnswer(exception: unknown): ErrorView {
  if (exception instanceof HttpException) {
    const body = exception.getResponse();
    const message = bodyMessage(exception) ?? body;
    return typeof message === 'string'
      ? answer(exception.getStatus(), message)
      : (body as ErrorView);
  }
  const { status, message } = describe(exception);
  return answer(status, message);
}

const answer = (status: number, message: string): ErrorView => ({
  statusCode: status,
  error: STATUS_CODES[status] ?? '',
  message,
});

function describe(exception: unknown): { status: number; message: string } {
  if (exception instanceof PlatformError) {
    return { status: STATUS_OF[exception.category], message: exception.message };
  }
  if (isTransientDatabaseError(exception)) {
    // Not the request's fault, and not a bug: the caller may retry (the same
    // idempotency_key makes a retried create safe).
    logger.warn(`Postgres is unavailable: ${(exception as Error).message}`);
    return {
      status: HttpStatus.SERVICE_UNAVAILABLE,
      message:
        'Postgres is unavailable; retry the request (creating a job, send an idempotency_key, ' +
        'so that a job recorded just before the failure is not created twice).',
    };
  }
  logger.error((exception as Error)?.stack ?? String(exception));
  return { status: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Internal server error' };
}
