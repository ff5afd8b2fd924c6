/** An answer of the API other than 2xx; `message` is the API's own, naming the problem. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The parsed error body `{statusCode, error, message}`, or the text. */
    readonly body: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 400 or 413: the request was refused; nothing was created. */
export class BadRequestError extends ApiError {}
/** 401: no API key, or an unknown or revoked one. */
export class UnauthorizedError extends ApiError {}
/** 403: the API key lacks the scope, or may not create the job type; the message names it. */
export class ForbiddenError extends ApiError {}
/** 404: no such job, another tenant's job, or one deleted after its retention. */
export class NotFoundError extends ApiError {}
/** 409: an idempotency key reused for another request, or a job in the wrong status. */
export class ConflictError extends ApiError {}
/** 5xx: the API or what it depends on failed; 503 when Redis or Postgres is unavailable. */
export class ServerError extends ApiError {}

/** The job did not finish within waitForCompletion's `timeoutMs`. */
export class WaitTimeoutError extends Error {
  constructor(
    readonly jobId: string,
    readonly timeoutMs: number,
    /** The last status seen, if any. */
    readonly lastStatus: string | undefined,
  ) {
    super(
      `Job ${jobId} did not finish within ${timeoutMs} ms (last seen: ${lastStatus ?? 'nothing'}).`,
    );
    this.name = 'WaitTimeoutError';
  }
}

/** The error class for an HTTP status. */
export function apiErrorFor(status: number, body: unknown): ApiError {
  const message =
    typeof body === 'object' && body !== null && 'message' in body
      ? [body.message].flat().join(' ')
      : `HTTP ${status}: ${String(body).slice(0, 200)}`;
  if (status === 400 || status === 413) {
    return new BadRequestError(status, message, body);
  }
  if (status === 401) {
    return new UnauthorizedError(status, message, body);
  }
  if (status === 403) {
    return new ForbiddenError(status, message, body);
  }
  if (status === 404) {
    return new NotFoundError(status, message, body);
  }
  if (status === 409) {
    return new ConflictError(status, message, body);
  }
  if (status >= 500) {
    return new ServerError(status, message, body);
  }
  return new ApiError(status, message, body);
}
