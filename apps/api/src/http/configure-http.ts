import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RawServerDefault } from 'fastify';
import { BODY_LIMIT_BYTES } from './body-limit';
import { parseJsonBody } from './parse-json-body';
import { PlatformExceptionFilter } from './platform-exception.filter';
import { platformValidationPipe } from './platform-validation.pipe';
import { StorableTextPipe } from './storable-text.pipe';

/**
 * Body parsing, validation and error shape shared by every route. Fastify sends no ETag
 * unless asked: answers are small and never cached by our clients.
 */
export function configureHttp(app: NestFastifyApplication): void {
  // An empty body reads as {}, as it did with Express's body-parser: Bull Board's page
  // sends its actions (PUT …/pause) with content-type application/json and no body.
  app.useBodyParser<RawServerDefault>(
    'application/json',
    { bodyLimit: BODY_LIMIT_BYTES },
    (_request, body, done) => {
      try {
        done(null, body.length === 0 ? {} : parseJsonBody(body.toString('utf8')));
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );
  // Fastify reads text/plain bodies as a string by default: a route would then refuse a
  // JSON body sent with the wrong content-type for missing fields, not for its type.
  app.getHttpAdapter().getInstance().removeContentTypeParser('text/plain');
  app.useGlobalPipes(new StorableTextPipe(), platformValidationPipe());
  app.useGlobalFilters(new PlatformExceptionFilter());
}
