// Owns: the typed HTTP client other Node projects use to create, follow, cancel and retry jobs.
// Must not import: any other @lib, Nest or any package: it ships on its own, over Node's fetch.
export {
  ApiError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ServerError,
  UnauthorizedError,
  WaitTimeoutError,
} from './api-errors';
export { FINAL_STATES } from './api-types';
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
} from './api-types';
export { JobsClient } from './jobs-client';
export type { JobsClientOptions, WaitOptions } from './jobs-client';
