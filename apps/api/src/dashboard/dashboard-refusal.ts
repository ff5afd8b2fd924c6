import { BOARD_ROUTES } from './dashboard-routes';
import type { BoardRoute } from './dashboard-routes';

const RECREATE =
  'cancel the job (POST /jobs/:id/cancel) and create the one you want with POST /create-jobs';
const THROUGHPUT =
  'Control throughput with WORKER_CONCURRENCY (jobs per worker) and the workers serving the queue (WORKER_QUEUES)';
const HELD_IN_REDIS =
  'holds jobs in Redis while Postgres, GET /job-status and /health/ready still call them queued';
const SCHEDULES =
  'Schedules are not BullMQ job schedulers: they live in code or SCHEDULES_FILE and the scheduler app fires them. List them with GET /schedules and run one now with POST /schedules/:name/trigger.';

/**
 * Board actions that would make Redis disagree with Postgres, and what to do instead.
 * Refusing is the only way to keep them agreeing: Postgres has no field for a pause, a
 * rate limit or a concurrency limit, and records the type, payload, priority and run
 * time a job was created with (the worker would run whatever Redis says).
 */
const REFUSALS: Partial<Record<BoardRoute, string>> = {
  [BOARD_ROUTES.add]:
    'Create jobs with POST /create-jobs, so that they are validated and recorded.',
  [BOARD_ROUTES.updateData]: `Job data cannot be edited in the dashboard: Postgres records the job's type and payload. To run something else, ${RECREATE}.`,
  [BOARD_ROUTES.changeDelay]: `A job's run time cannot be changed in the dashboard: Postgres records it as run_at. Promote the job to run it now, or ${RECREATE} with delay_ms or run_at.`,
  [BOARD_ROUTES.changePriority]: `A job's priority cannot be changed in the dashboard: Postgres records it. To change it, ${RECREATE} with the priority you want.`,
  [BOARD_ROUTES.removeChildren]:
    'The platform runs no job flows, so there are no children to remove. Cancel a job with POST /jobs/:id/cancel.',
  [BOARD_ROUTES.pause]: `Queues cannot be paused from the dashboard: a paused queue ${HELD_IN_REDIS}. To stop work, stop the workers serving the queue (WORKER_QUEUES); to stop one job, POST /jobs/:id/cancel.`,
  [BOARD_ROUTES.pauseAll]: `Queues cannot be paused from the dashboard: a paused queue ${HELD_IN_REDIS}. To stop work, stop the workers; to stop one job, POST /jobs/:id/cancel.`,
  [BOARD_ROUTES.resume]:
    'Queues are not paused or resumed from the dashboard. Resume a queue paused by another tool with that tool (BullMQ Queue.resume()).',
  [BOARD_ROUTES.resumeAll]:
    'Queues are not paused or resumed from the dashboard. Resume a queue paused by another tool with that tool (BullMQ Queue.resume()).',
  [BOARD_ROUTES.concurrency]: `A queue-wide concurrency limit in Redis ${HELD_IN_REDIS}. ${THROUGHPUT}.`,
  [BOARD_ROUTES.rateLimit]: `A rate limit in Redis ${HELD_IN_REDIS}. ${THROUGHPUT}.`,
  [BOARD_ROUTES.releaseRateLimit]: `Rate limits are neither set nor released from the dashboard. ${THROUGHPUT}.`,
  [BOARD_ROUTES.removeScheduler]: SCHEDULES,
  [BOARD_ROUTES.updateScheduler]: SCHEDULES,
  [BOARD_ROUTES.runScheduler]: SCHEDULES,
};

/** Write routes the hooks keep in step with Postgres (see DashboardHooks). */
const KEPT_IN_STEP: readonly string[] = [
  BOARD_ROUTES.retryOne,
  BOARD_ROUTES.retryAll,
  BOARD_ROUTES.promoteOne,
  BOARD_ROUTES.promoteAll,
  BOARD_ROUTES.cleanOne,
  BOARD_ROUTES.cleanAll,
  BOARD_ROUTES.empty,
  BOARD_ROUTES.obliterate,
];

/**
 * Why the board may not do this, or undefined when it may. Reads are allowed; a write
 * route this list does not know (a newer Bull Board) is refused until someone decides
 * how it stays in step with Postgres.
 */
export function dashboardRefusal(route: string): string | undefined {
  const refusal = REFUSALS[route as BoardRoute];
  if (refusal) {
    return refusal;
  }
  if (route.startsWith('GET ') || KEPT_IN_STEP.includes(route)) {
    return undefined;
  }
  return `The dashboard action ${route} is not supported: nothing keeps Postgres in step with it.`;
}
