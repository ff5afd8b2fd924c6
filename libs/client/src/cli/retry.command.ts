import type { Command } from 'commander';
import { jobIdCommand } from './job-id.command.js';

/** `jobs retry <id>`: POST /jobs/:id/retry, for a failed or cancelled job. */
export const retryCommand = (): Command =>
  jobIdCommand({
    name: 'retry',
    description: 'run a failed or cancelled job again; prints "<job id> <status>"',
    request: (client, id) => client.retry(id),
    text: (retried) => `${retried.job_id} ${retried.status}`,
  });
