import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { isOpenRoute } from '../auth/open-routes';
import { errorResponse } from '../http/api-errors.decorator';

/** Every answer echoes the request id (see echoRequestId in @lib/lifecycle). */
const REQUEST_ID_HEADER = {
  description:
    "The request's id: the caller's X-Request-Id when it is 1–128 of [A-Za-z0-9_.:-], else a new UUID. Logs name it.",
  required: true,
  schema: { type: 'string', pattern: '^[\\w.:-]{1,128}$', example: 'req-42' },
};

/** Answers that create a job say where its status is read. */
const LOCATION_HEADER = {
  description: "Where to read the job's status: its `status_url`.",
  required: true,
  schema: { type: 'string', example: '/job-status/6b0c2a4e-8f1d-4c33-9a57-1f2e3d4c5b6a' },
};
/** Answers with a Location, and whether every such answer has one. */
const LOCATED: Record<string, boolean> = {
  // A replayed job has one; a batch's answer, also 200, has none.
  'post /create-jobs 200': false,
  'post /create-jobs 202': true,
  'post /schedules/{name}/trigger 202': true,
};

type Schema = Record<string, unknown>;

/**
 * `null` in OpenAPI 3.0: `nullable` with an enum of null alone. Nest writes a nullable `$ref`
 * as `{nullable, type: object, allOf: [$ref]}`, where `nullable` is lost on the `$ref`'s
 * schema for JSON-Schema validators; an alternative of its own is read the same by linters,
 * validators and code generators.
 */
const NULL_SCHEMA = { type: 'object', nullable: true, enum: [null], description: 'null' };

/**
 * `{nullable, allOf: [$ref]}` becomes `{oneOf: [$ref, null]}`, `{nullable, anyOf: [...]}`
 * `{anyOf: [..., null]}`; a string with `items` loses them.
 */
function nullableAlternatives(schema: Schema): void {
  if (schema.nullable === true) {
    const key = Array.isArray(schema.anyOf)
      ? 'anyOf'
      : Array.isArray(schema.oneOf)
        ? 'oneOf'
        : undefined;
    if (Array.isArray(schema.allOf) && schema.allOf.length === 1) {
      schema.oneOf = [...(schema.allOf as unknown[]), NULL_SCHEMA];
      delete schema.allOf;
    } else if (key !== undefined) {
      schema[key] = [...(schema[key] as unknown[]), NULL_SCHEMA];
    } else {
      return;
    }
    delete schema.nullable;
    delete schema.type;
  }
  // Nest's class-validator shim gives a comma-separated list (`fields`) its IsIn as items.
  if (schema.type === 'string' && schema.items !== undefined) {
    delete schema.items;
  }
}

/**
 * Where Nest's scan writes what the decorators cannot say, the document is completed here:
 * the headers every answer carries, `security: []` on the routes that need no API key, and
 * nullable alternatives with `null` as one of them (so that `null` validates).
 */
function complete(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    headers: { ...document.components?.headers, 'X-Request-Id': REQUEST_ID_HEADER },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (operation === undefined) {
        continue;
      }
      // Nest's route pattern, /health/ready for /health/ready and /jobs/:id for /jobs/{id}.
      if (isOpenRoute(path.replace(/\{(\w+)\}/g, ':$1'))) {
        operation.security = [];
      } else {
        // The authentication hook answers before any route: 401 without a valid key, 429
        // (auth_failures_exceeded) to an address that failed too often, and 503
        // (postgres_unavailable) when it cannot read the key from Postgres.
        operation.responses['401'] ??= errorResponse(401);
        operation.responses['429'] ??= errorResponse(429);
        operation.responses['503'] ??= errorResponse(503);
      }
      // Any route: a bug answers internal_error (and is logged).
      operation.responses['500'] ??= errorResponse(500);
      for (const [status, response] of Object.entries(operation.responses)) {
        if (response === undefined || '$ref' in response) {
          continue;
        }
        response.headers = {
          'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' },
          ...(`${method} ${path} ${status}` in LOCATED
            ? { Location: { ...LOCATION_HEADER, required: LOCATED[`${method} ${path} ${status}`] } }
            : {}),
          ...response.headers,
        };
      }
    }
  }
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node !== null && typeof node === 'object') {
      nullableAlternatives(node as Schema);
      Object.values(node).forEach(visit);
    }
  };
  visit(document.components.schemas);
  visit(document.paths);
  return document;
}

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
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    // Relative: the document describes the API that serves it, wherever it runs.
    .addServer('/', 'The API serving this document.')
    .addTag('jobs', 'Create jobs, read their status, list, cancel and retry them.')
    .addTag(
      'schedules',
      'Cron schedules of one job or of a pipeline of steps, and their last runs; run one now.',
    )
    .addTag('queues', 'Pause and resume a queue for every worker (scope admin).')
    .addTag('audit', 'Who created, cancelled, retried, triggered or paused what.')
    .addTag('operations', 'Probes and metrics, open without an API key.')
    // An API key's token, sent as `Authorization: Bearer <token>` (see @ApiBearerAuth).
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key token (jp_…).' })
    .build();
  return complete(SwaggerModule.createDocument(app, config));
}
