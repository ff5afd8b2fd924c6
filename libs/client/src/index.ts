// Owns: the typed HTTP client other Node projects use to create, follow, cancel and retry jobs.
// Must not import: any other @lib, Nest or any package but standardwebhooks (to verify webhooks):
// it ships on its own, over Node's fetch.
// (The `jobs` command line in cli/ is the package's bin, not part of this entry point.)
export {
  ApiError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ServerError,
  UnauthorizedError,
  WaitTimeoutError,
} from './api-errors.js';
export { FINAL_STATES } from './api-types.js';
export type {
  BackoffRequest,
  CancelledJob,
  CreateJobRequest,
  CreatedJob,
  ErrorDocument,
  JobCreation,
  JobErrorDocument,
  JobPage,
  JobState,
  JobStatusDocument,
  ListJobsQuery,
  WebhookDeliveries,
} from './api-types.js';
export { JobsClient } from './jobs-client.js';
export type { JobsClientOptions, WaitOptions } from './jobs-client.js';
export type { WatchOptions } from './status-watch.js';
export { WebhookSignatureError, verifyWebhook } from './verify-webhook.js';
export type { WebhookRequestHeaders } from './verify-webhook.js';
