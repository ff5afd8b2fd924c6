import { ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { PlatformExceptionFilter } from './platform-exception.filter';
import { StorableTextPipe } from './storable-text.pipe';

/** Largest request body accepted; past it, 413. */
export const BODY_LIMIT = '1mb';

/** Body parsing, validation and error shape shared by every route. */
export function configureHttp(app: NestExpressApplication): void {
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useGlobalPipes(
    new StorableTextPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: true,
      validationError: { target: false },
    }),
  );
  app.useGlobalFilters(new PlatformExceptionFilter());
}
