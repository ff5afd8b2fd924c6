import { InvalidPayloadError } from './invalid-payload.error';
import { PermanentJobError } from './permanent-job.error';
import { UnknownJobTypeError } from './unknown-job-type.error';

/** Whether retrying an attempt that threw this could not help. */
export const isPermanent = (error: unknown): boolean =>
  error instanceof PermanentJobError ||
  error instanceof InvalidPayloadError ||
  error instanceof UnknownJobTypeError;
