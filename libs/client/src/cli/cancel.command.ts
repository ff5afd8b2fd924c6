import type { Command } from 'commander';
import { jobIdCommand } from './job-id.command.js';

/** `jobs cancel <id>`: POST /jobs/:id/cancel; prints "<id> cancelled" or "<id> cancelling". */
export const cancelCommand = (): Command =>
  jobIdCommand({
    name: 'cancel',
    description: 'cancel a job (a running one stops at its next check: "cancelling")',
    request: (client, id) => client.cancel(id),
    text: (cancelled) => `${cancelled.job_id} ${cancelled.status}`,
  });
