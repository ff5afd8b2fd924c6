import { applyDecorators } from '@nestjs/common';
import { ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { HeadersObject, ResponseObject } from '@nestjs/swagger';
import { ErrorView } from './error.view';

/** Headers an error answer carries besides X-Request-Id (which every answer has). */
const HEADERS: Record<number, HeadersObject> = {
  401: {
    'WWW-Authenticate': {
      description: 'The scheme to authenticate with: `Bearer realm="jobs-platform"`.',
      required: true,
      schema: { type: 'string', example: 'Bearer realm="jobs-platform"' },
    },
  },
  429: {
    'Retry-After': {
      description:
        'Seconds until a retry can succeed, where waiting helps (create_rate_exceeded, auth_failures_exceeded).',
      required: false,
      schema: { type: 'integer', minimum: 1, example: 12 },
    },
  },
};

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request breaks a rule; the message names the field and the rule.',
  401: 'No API key, or an unknown or revoked one: send "Authorization: Bearer <token>".',
  403: "The API key lacks the route's scope, or may not create this job type; the message names it.",
  404: "No job has that id (another tenant's job answers the same).",
  409: 'A conflict with the job as it is: a used idempotency_key, a job already finished, or a dependency still failed.',
  413: 'The body is larger than 1 MB, or a payload is larger than its job type allows (payload_too_large).',
  415: 'The body is not sent as application/json (unsupported_media_type).',
  429: 'A limit of the tenant (TENANT_QUOTAS) or of the client address (AUTH_FAILURES_PER_MINUTE) was reached; Retry-After says when to retry where waiting helps.',
  500: 'A bug (internal_error); the API logged it with its stack.',
  503: 'Postgres is unavailable (postgres_unavailable: retry), or Redis is when a job is created (queue_unavailable: the job is recorded but not queued). Retry with the same idempotency_key.',
};

/** Documents the error answers of a route, all in ErrorView's shape. */
export const ApiErrors = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status],
        type: ErrorView,
        headers: HEADERS[status],
      }),
    ),
  );

/** The response object ApiErrors documents for `status`, for routes documented in code. */
export const errorResponse = (status: number): ResponseObject => ({
  description: DESCRIPTIONS[status],
  headers: HEADERS[status],
  content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorView) } } },
});
