import type { JobError } from '@lib/job-status';
import { isPermanent } from '@lib/jobs';

/** The stored form of the error an attempt ended with. */
export function attemptError(error: unknown, attempt: number): JobError {
  const asError = error instanceof Error ? error : new Error(String(error));
  return {
    message: asError.message || asError.name,
    permanent: isPermanent(error),
    name: asError.name,
    attempt,
    at: new Date().toISOString(),
  };
}
