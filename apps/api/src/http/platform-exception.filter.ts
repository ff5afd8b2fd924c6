import { Catch, HttpException } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { errorAnswer } from './error-answer';

/** The one place errors become HTTP responses (see errorAnswer). */
@Catch()
export class PlatformExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const answer = errorAnswer(exception);
    // An HttpException's own body (a readiness report) need not carry its status.
    const status = exception instanceof HttpException ? exception.getStatus() : answer.statusCode;
    void host.switchToHttp().getResponse<FastifyReply>().status(status).send(answer);
  }
}
