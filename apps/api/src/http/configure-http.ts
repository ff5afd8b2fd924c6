import type { NestExpressApplication } from '@nestjs/platform-express';
import { PlatformExceptionFilter } from './platform-exception.filter';
import { platformValidationPipe } from './platform-validation.pipe';
import { StorableTextPipe } from './storable-text.pipe';

/** Largest request body accepted; past it, 413. */
export const BODY_LIMIT = '1mb';

/** Body parsing, validation and error shape shared by every route. */
export function configureHttp(app: NestExpressApplication): void {
  app.useBodyParser('json', { limit: BODY_LIMIT });
  // Answers are small and never cached by our clients: hashing each one for an ETag is
  // CPU spent on every request for nothing.
  app.set('etag', false);
  app.useGlobalPipes(new StorableTextPipe(), platformValidationPipe());
  app.useGlobalFilters(new PlatformExceptionFilter());
}
