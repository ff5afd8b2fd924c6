import { Catch } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { errorAnswer } from './error-answer';

/** The one place errors become HTTP responses (see errorAnswer). */
@Catch()
export class PlatformExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const answer = errorAnswer(exception);
    host.switchToHttp().getResponse<Response>().status(answer.statusCode).json(answer);
  }
}
