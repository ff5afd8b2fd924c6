import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * The API's OpenAPI 3 document, built from the controllers and DTOs. One builder for the
 * document served at /docs-json and the committed openapi.json, so the two cannot differ.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('jobs-platform')
    .setDescription(
      'Create background jobs, follow their status and list them. Every job status is kept in Postgres.',
    )
    .setVersion('0.1.0')
    // An API key's token, sent as `Authorization: Bearer <token>` (see @ApiBearerAuth).
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key token (jp_…).' })
    .build();
  return SwaggerModule.createDocument(app, config);
}
