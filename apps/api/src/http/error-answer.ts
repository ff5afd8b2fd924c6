import { STATUS_CODES } from 'node:http';
import { isTransientDatabaseError } from '@lib/database';
import { PlatformError } from '@lib/errors';
import type { ErrorCategory } from '@lib/errors';
import { HttpException, HttpStatus, Logger, NotFoundException } from '@nestjs/common';
import { BODY_LIMIT_BYTES } from './body-limit';
import { EDGE_ERROR_CODES } from './edge-error-codes';
import type { ErrorView } from './error.view';

const STATUS_OF: Record<ErrorCategory, HttpStatus> = {
  invalid_input: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  limited: HttpStatus.TOO_MANY_REQUESTS,
  too_large: HttpStatus.PAYLOAD_TOO_LARGE,
};

// Fastify's errors for a body it could not read (see FST_ERR_CTP_* in fastify's errors),
// which Nest wraps in an HttpException whose cause keeps their `code` and status. JSON
// itself is parsed by parseJsonBody, whose errors are PlatformErrors.
const BODY_ERRORS: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: EDGE_ERROR_CODES.bodyTooLarge,
    message: `Request body is larger than the ${BODY_LIMIT_BYTES}-byte limit.`,
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: EDGE_ERROR_CODES.contentLengthMismatch,
    message: 'Request body is shorter or longer than its Content-Length.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: EDGE_ERROR_CODES.unsupportedMediaType,
    message: 'Request body must be JSON, sent with content-type application/json.',
  },
};

// Nest's other HttpExceptions ("Cannot GET /nope") are named after their status.
function httpCode(exception: HttpException): string {
  if (exception instanceof NotFoundException) {
    return EDGE_ERROR_CODES.routeNotFound;
  }
  return (STATUS_CODES[exception.getStatus()] ?? 'http_error').toLowerCase().replace(/\W+/g, '_');
}

function bodyError(exception: HttpException): { code: string; message: string } | undefined {
  const code = (exception.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? BODY_ERRORS[code] : undefined;
}

const logger = new Logger('HTTP');

/**
 * What an error answers, in Nest's standard shape plus a stable code
 * `{statusCode, error, message, code}`: PlatformErrors by category and their own code,
 * Nest's HttpExceptions with their message (an object body, a readiness report, as it
 * is), Postgres being unreachable a 503, anything else a 500 that is logged. A whole
 * request's error and one job's refusal within a batch read the same.
 */
export function errorAnswer(exception: unknown): ErrorView {
  if (exception instanceof HttpException) {
    const body = exception.getResponse();
    // Nest's own exceptions carry `{statusCode, error, message}`; a body without a message
    // string (a readiness report) is sent as it is.
    const { code, message } = bodyError(exception) ?? {
      code: httpCode(exception),
      message: oneMessage(
        typeof body === 'string' ? body : (body as { message?: unknown }).message,
      ),
    };
    return typeof message === 'string'
      ? answer(exception.getStatus(), message, code)
      : (body as ErrorView);
  }
  const { status, message, code } = describe(exception);
  return answer(status, message, code);
}

// Nest's exceptions may carry a list of messages (class-validator's, a pipe's): one string.
const oneMessage = (message: unknown): unknown =>
  Array.isArray(message) && message.every((part) => typeof part === 'string')
    ? message.join(' ')
    : message;

// Fastify's own errors carry a 4xx statusCode and an FST_ERR_* code ("FST_ERR_BAD_URL").
function fastifyError(exception: unknown): { status: number; code: string } | undefined {
  const { statusCode, code } = (exception ?? {}) as { statusCode?: unknown; code?: unknown };
  return typeof statusCode === 'number' &&
    statusCode >= 400 &&
    statusCode < 500 &&
    typeof code === 'string' &&
    code.startsWith('FST_ERR_')
    ? { status: statusCode, code: code.slice('FST_ERR_'.length).toLowerCase() }
    : undefined;
}

const answer = (status: number, message: string, code: string): ErrorView => ({
  statusCode: status,
  error: STATUS_CODES[status] ?? '',
  message,
  code,
});

function describe(exception: unknown): { status: number; message: string; code: string } {
  if (exception instanceof PlatformError) {
    return {
      status: STATUS_OF[exception.category],
      message: exception.message,
      code: exception.code,
    };
  }
  const refusedByFastify = fastifyError(exception);
  if (refusedByFastify) {
    return { ...refusedByFastify, message: (exception as Error).message };
  }
  if (isTransientDatabaseError(exception)) {
    // Not the request's fault, and not a bug: the caller may retry (the same
    // idempotency_key makes a retried create safe).
    logger.warn(`Postgres is unavailable: ${(exception as Error).message}`);
    return {
      status: HttpStatus.SERVICE_UNAVAILABLE,
      code: EDGE_ERROR_CODES.postgresUnavailable,
      message:
        'Postgres is unavailable; retry the request (creating a job, send an idempotency_key, ' +
        'so that a job recorded just before the failure is not created twice).',
    };
  }
  logger.error((exception as Error)?.stack ?? String(exception));
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    message: 'Internal server error',
    code: EDGE_ERROR_CODES.internalError,
  };
}
