import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Swagger UI at /docs and the OpenAPI 3 document at /docs-json, built from the DTOs. */
export function configureOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('jobs-platform')
    .setDescription(
      'Create background jobs, follow their status and list them. Every job status is kept in Postgres.',
    )
    .setVersion('0.1.0')
    // An API key's token, sent as `Authorization: Bearer <token>` (see @ApiBearerAuth).
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key token (jp_…).' })
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config));
}
