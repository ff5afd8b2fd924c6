import type { JobStatusDocument } from '../api-types.js';

/** The last line `wait` and `follow` print: the job's id, final status and result or error. */
export function outcomeText(job: JobStatusDocument): string {
  if (job.status === 'completed') {
    return `${job.id} completed${job.result === null ? '' : ` ${JSON.stringify(job.result)}`}`;
  }
  if (job.status === 'failed') {
    return `${job.id} failed: ${job.error?.message ?? 'no error recorded'}`;
  }
  return `${job.id} ${job.status}`;
}
