import { Catch } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { sendError } from './send-error';

/** The one place errors become HTTP responses (see errorAnswer and sendError). */
@Catch()
export class PlatformExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    void sendError(host.switchToHttp().getResponse<FastifyReply>(), exception);
  }
}
