import { EDGE_ERROR_CODES } from './edge-error-codes';

/** One `code` an error answer of the API can carry. */
export interface ErrorCodeEntry {
  /** The HTTP status it is sent with. */
  status: number;
  /** What it means, for the README and the OpenAPI document. */
  meaning: string;
}

/**
 * Every `code` the API sends in an error body, with its status: the one list the OpenAPI
 * document (ErrorView.code's enum) and the README's table are checked against. A
 * PlatformError's code belongs here, or in CODES_NOT_SENT_BY_THE_API when no route can
 * answer it (error-codes.spec.ts fails for a code in neither).
 */
export const API_ERROR_CODES = {
  // 400: the request breaks a rule.
  invalid_request: { status: 400, meaning: 'A field of the body or the query breaks its rule.' },
  invalid_json: { status: 400, meaning: 'The body is not JSON.' },
  body_too_deep: { status: 400, meaning: 'The body nests deeper than the API reads.' },
  prototype_key: {
    status: 400,
    meaning: 'The body has a key that could reach a prototype (`__proto__` and the like).',
  },
  unstorable_text: {
    status: 400,
    meaning: 'A string Postgres cannot store (a NUL, a lone surrogate).',
  },
  [EDGE_ERROR_CODES.contentLengthMismatch]: {
    status: 400,
    meaning: 'The body is shorter or longer than its Content-Length.',
  },
  invalid_batch: { status: 400, meaning: 'A batch `{"jobs": […]}` is wrong as a whole.' },
  unknown_job_type: { status: 400, meaning: 'No job type has that `type`.' },
  invalid_payload: { status: 400, meaning: "The payload breaks its job type's rules." },
  unknown_queue: { status: 400, meaning: 'No queue has that name.' },
  unknown_dependency: {
    status: 400,
    meaning: '`depends_on` names a job that does not exist (or is not yours).',
  },
  exclusive_delay: { status: 400, meaning: '`delay_ms` and `run_at` were both sent.' },
  timeout_too_long: { status: 400, meaning: '`timeout_ms` is above JOB_MAX_TIMEOUT_MS.' },
  webhook_incomplete: {
    status: 400,
    meaning: '`webhook_url` or `webhook_secret` came alone, and the tenant has no default webhook.',
  },
  malformed_url: { status: 400, meaning: 'The path is not valid percent-encoding.' },
  path_parameter_too_long: {
    status: 400,
    meaning: 'A path segment is longer than any id or name (100 characters).',
  },
  malformed_job_id: { status: 400, meaning: 'The job id in the path is not a UUID.' },
  invalid_last_event_id: {
    status: 400,
    meaning: '`Last-Event-ID` is not an event id the stream sent.',
  },
  invalid_cursor: { status: 400, meaning: '`cursor` is not a `next_cursor` the API sent.' },
  // 401, 403: who calls, and what they may do.
  api_key_required: { status: 401, meaning: 'No `Authorization: Bearer <token>` header.' },
  api_key_invalid: { status: 401, meaning: 'The API key is unknown or revoked.' },
  scope_missing: { status: 403, meaning: "The API key lacks the route's scope." },
  job_type_not_allowed: { status: 403, meaning: 'The API key may not create this job type.' },
  // 404, 409: the resource.
  job_not_found: {
    status: 404,
    meaning: "No job has that id (another tenant's job answers the same).",
  },
  unknown_schedule: { status: 404, meaning: 'No schedule has that name.' },
  [EDGE_ERROR_CODES.routeNotFound]: { status: 404, meaning: 'No route has that method and path.' },
  idempotency_conflict: {
    status: 409,
    meaning: 'The `idempotency_key` was used before for a different request.',
  },
  job_already_finished: { status: 409, meaning: 'The job to cancel has finished already.' },
  job_not_retryable: { status: 409, meaning: 'Only a failed or cancelled job can be retried.' },
  dependency_not_retried: {
    status: 409,
    meaning: 'The job was cancelled by a dependency that is still failed: retry that first.',
  },
  // 413, 415: size and media type.
  [EDGE_ERROR_CODES.bodyTooLarge]: { status: 413, meaning: 'The body is larger than 1 MB.' },
  payload_too_large: {
    status: 413,
    meaning: 'The payload is larger than its job type allows.',
  },
  [EDGE_ERROR_CODES.unsupportedMediaType]: {
    status: 415,
    meaning: 'The body is not sent as `application/json`.',
  },
  // 429: limits; Retry-After says when to try again where waiting helps.
  create_rate_exceeded: {
    status: 429,
    meaning: "The tenant's jobs per minute (TENANT_QUOTAS) were created; see Retry-After.",
  },
  pending_jobs_quota_exceeded: {
    status: 429,
    meaning: 'The tenant has as many unfinished jobs as TENANT_QUOTAS allows.',
  },
  auth_failures_exceeded: {
    status: 429,
    meaning: 'Too many failed authentications from this address; see Retry-After.',
  },
  event_streams_exceeded: {
    status: 429,
    meaning: 'The tenant has SSE_MAX_STREAMS_PER_TENANT event streams open on this API process.',
  },
  // 500, 503: the platform.
  [EDGE_ERROR_CODES.internalError]: { status: 500, meaning: 'A bug; the API logged it.' },
  [EDGE_ERROR_CODES.postgresUnavailable]: {
    status: 503,
    meaning: 'Postgres is unavailable; retry (with the same `idempotency_key` when creating).',
  },
  queue_unavailable: {
    status: 503,
    meaning: 'Redis is unavailable; the job is recorded, and queued once Redis is back.',
  },
  queue_control_unavailable: {
    status: 503,
    meaning: 'Redis is unavailable: a pause or resume is recorded, and applied once Redis is back.',
  },
} as const satisfies Record<string, ErrorCodeEntry>;

export type ApiErrorCode = keyof typeof API_ERROR_CODES;

/**
 * Codes of PlatformErrors that no route answers, and why: they stop an app at start-up,
 * refuse a command line, or fail a job (in its `error`, not in an HTTP answer).
 */
export const CODES_NOT_SENT_BY_THE_API: Record<string, string> = {
  invalid_config: 'stops an app at start-up',
  invalid_schedule: 'stops an app at start-up',
  database_unreachable: 'stops an app at start-up',
  redis_unreachable: 'stops an app at start-up',
  port_in_use: 'stops an app at start-up',
  api_key_usage: 'refuses a command of `npm run api-key`',
  scope_unknown: 'refuses a command of `npm run api-key`',
  tenant_invalid: 'refuses a command of `npm run api-key`',
  identifier_too_long: 'fails a data_import job',
  outbound_too_many_redirects: "fails a job's outbound request",
  outbound_timeout: "fails a job's outbound request",
  outbound_address_refused: "fails a job's outbound request",
  outbound_bad_redirect: "fails a job's outbound request",
  invalid_job_options: 'refuses enqueueing in your own transaction (see @lib/outbox)',
  enqueue_refused: 'refuses enqueueing in your own transaction (see @lib/outbox)',
};
