import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorView } from './error.view';

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request breaks a rule; the message names the field and the rule.',
  401: 'No API key, or an unknown or revoked one: send "Authorization: Bearer <token>".',
  403: "The API key lacks the route's scope, or may not create this job type; the message names it.",
  404: "No job has that id (another tenant's job answers the same).",
  409: 'A conflict with the job as it is: a used idempotency_key, or a job already finished.',
  413: 'The body is larger than 1 MB, or a payload is larger than its job type allows (payload_too_large).',
  429: 'A limit of the tenant (TENANT_QUOTAS) or of the client address was reached; Retry-After says when to retry where waiting helps.',
  503: 'Redis is unavailable; the job is recorded but not queued. Retry with the same idempotency_key.',
};

/** Documents the error answers of a route, all in ErrorView's shape. */
export const ApiErrors = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorView }),
    ),
  );
