import { HttpException, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from '@nestjs/common';
import { InvalidRequestError } from './invalid-request.error';

/**
 * Nest's ValidationPipe whose failures are an InvalidRequestError, one message string:
 * Nest's own factory answers a list of messages, which every client then had to join.
 * Its messages (paths of nested fields, the cap on their length) are kept.
 */
class PlatformValidationPipe extends ValidationPipe {
  override createExceptionFactory(): (errors?: ValidationError[]) => unknown {
    const nests = super.createExceptionFactory();
    return (errors) => {
      const refusal = nests(errors);
      const body = refusal instanceof HttpException ? refusal.getResponse() : undefined;
      const message = (body as { message?: unknown } | undefined)?.message;
      const problems = [message].flat().filter((problem) => typeof problem === 'string');
      return new InvalidRequestError(problems.length > 0 ? problems : ['The request is invalid.']);
    };
  }
}

/** How every DTO is validated: unknown fields refused, values converted, one error per field. */
export const platformValidationPipe = (): ValidationPipe =>
  new PlatformValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false },
  });
