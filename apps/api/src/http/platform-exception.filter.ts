import { STATUS_CODES } from 'node:http';
import { PlatformError } from '@lib/errors';
import type { ErrorCategory } from '@lib/errors';
import { Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';

const STATUS_OF: Record<ErrorCategory, HttpStatus> = {
  invalid_input: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

// body-parser's own errors reach us as plain errors carrying a `type`.
const BODY_PARSER_ERRORS: Record<string, { status: HttpStatus; message: (e: Error) => string }> = {
  'entity.parse.failed': {
    status: HttpStatus.BAD_REQUEST,
    message: (e) => `Request body is not valid JSON: ${e.message}`,
  },
  'entity.too.large': {
    status: HttpStatus.PAYLOAD_TOO_LARGE,
    message: (e) =>
      `Request body is larger than the ${(e as Error & { limit: number }).limit}-byte limit.`,
  },
};

/**
 * The one place errors become HTTP responses, in Nest's standard shape
 * `{statusCode, error, message}`: PlatformErrors by category, Nest's own
 * HttpExceptions as they are, anything else a 500 that is logged.
 */
@Catch()
export class PlatformExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      response.status(exception.getStatus()).json(exception.getResponse());
      return;
    }
    const { status, message } = this.describe(exception);
    if (status === HttpStatus.INTERNAL_SERVER_ERROR) {
      this.logger.error((exception as Error)?.stack ?? String(exception));
    }
    response.status(status).json({ statusCode: status, error: STATUS_CODES[status], message });
  }

  private describe(exception: unknown): { status: HttpStatus; message: string } {
    if (exception instanceof PlatformError) {
      return { status: STATUS_OF[exception.category], message: exception.message };
    }
    const parser = BODY_PARSER_ERRORS[(exception as { type?: string })?.type ?? ''];
    if (parser) {
      return { status: parser.status, message: parser.message(exception as Error) };
    }
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Internal server error' };
  }
}
