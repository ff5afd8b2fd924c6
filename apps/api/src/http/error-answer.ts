import { STATUS_CODES } from 'node:http';
import { isTransientDatabaseError } from '@lib/database';
import { PlatformError } from '@lib/errors';
import type { ErrorCategory } from '@lib/errors';
import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ErrorView } from './error.view';

const STATUS_OF: Record<ErrorCategory, HttpStatus> = {
  invalid_input: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

type BodyParserError = Error & { type?: string; limit?: number };

// Nest wraps body-parser's errors in an HttpException whose cause keeps their `type`.
const BODY_PARSER_MESSAGES: Record<string, (error: BodyParserError) => string> = {
  'entity.parse.failed': (e) => `Request body is not valid JSON: ${e.message}.`,
  'entity.too.large': (e) => `Request body is larger than the ${e.limit}-byte limit.`,
};

function bodyParserCause(exception: unknown): BodyParserError | undefined {
  const cause = exception instanceof HttpException ? exception.cause : undefined;
  const type = (cause as BodyParserError | undefined)?.type;
  return type && type in BODY_PARSER_MESSAGES ? (cause as BodyParserError) : undefined;
}

const logger = new Logger('HTTP');

/**
 * What an error answers, in Nest's standard shape `{statusCode, error, message}`:
 * PlatformErrors by category, Nest's own HttpExceptions as they are, Postgres being
 * unreachable a 503, anything else a 500 that is logged. A whole request's error and
 * one job's refusal within a batch read the same.
 */
export function errorAnswer(exception: unknown): ErrorView {
  const parserError = bodyParserCause(exception);
  if (exception instanceof HttpException && !parserError) {
    const body = exception.getResponse();
    return typeof body === 'string'
      ? {
          statusCode: exception.getStatus(),
          error: STATUS_CODES[exception.getStatus()] ?? '',
          message: body,
        }
      : (body as ErrorView);
  }
  const { status, message } = describe(exception, parserError);
  return { statusCode: status, error: STATUS_CODES[status] ?? '', message };
}

function describe(
  exception: unknown,
  parserError: BodyParserError | undefined,
): { status: number; message: string } {
  if (parserError && exception instanceof HttpException) {
    const message = BODY_PARSER_MESSAGES[parserError.type as string](parserError);
    return { status: exception.getStatus(), message };
  }
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
