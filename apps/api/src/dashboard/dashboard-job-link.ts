import type { ExternalJobUrl, QueueJobJson } from '@bull-board/api/typings/app';

/**
 * The link the board shows on each job: the job's status document in Postgres, which outlives
 * the job in Redis and is the truth about it, served behind the board's own credentials (see
 * DashboardJobStatusController). Root-relative, so that it points at whichever host serves
 * the board. A BullMQ job's id is the platform's job id (see @lib/dispatch).
 */
export const jobStatusLink = (job: QueueJobJson): ExternalJobUrl => ({
  displayText: 'Status document',
  href: `/admin/queues/job-status/${encodeURIComponent(String(job.id ?? ''))}`,
});
