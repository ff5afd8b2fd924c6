import type { Command } from 'commander';
import type { JobStatusDocument } from '../api-types.js';
import { jobIdCommand } from './job-id.command.js';
import { progressText } from './progress-text.js';

/** `jobs status <id>`: GET /job-status/:id, as `field: value` lines. */
export const statusCommand = (): Command =>
  jobIdCommand({
    name: 'status',
    description: "print a job's status document",
    request: (client, id) => client.getStatus(id),
    text: statusText,
  });

function statusText(job: JobStatusDocument): string {
  const fields: Array<[string, unknown]> = [
    ['id', job.id],
    ['type', job.type],
    ['queue', job.queue],
    ['status', job.status],
    ['attempts', `${job.attempts} of ${job.max_attempts}`],
    ['progress', progressText(job.progress)],
    ['created_at', job.created_at],
    ['started_at', job.started_at],
    ['finished_at', job.finished_at],
    ['result', job.result === null ? null : JSON.stringify(job.result)],
    ['error', job.error?.message ?? null],
  ];
  return fields
    .filter(([, value]) => value !== null && value !== '')
    .map(([name, value]) => `${name}: ${String(value)}`)
    .join('\n');
}
