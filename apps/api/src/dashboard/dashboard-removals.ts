import { WaitingJobCanceller } from '@lib/job-status';
import type { WaitingJobRemoval } from '@lib/job-status';
import { JobQueues, isQueueName } from '@lib/queues';
import type { QueueName } from '@lib/queues';
import { Injectable, Logger } from '@nestjs/common';
import type { BeforeHookResult, HookContext } from '@bull-board/api/typings/app';
import type { ControllerHandlerReturnType } from '@bull-board/api/typings/app';
import type { JobType } from 'bullmq';
import { BOARD_ROUTES, boardRouteOf, paramsOf } from './dashboard-routes';

/** Board states of jobs no worker holds (`waiting` is also accepted as BullMQ's `wait`). */
const WAITING: readonly string[] = [
  'waiting',
  'wait',
  'prioritized',
  'delayed',
  'paused',
  'waiting-children',
];
/** Finished jobs: cleaning them from Redis leaves their outcome in Postgres. */
const FINISHED: readonly string[] = ['completed', 'failed'];

// Redis calls to remove jobs, at most this many at once.
const REMOVE_CHUNK = 100;

interface Removal {
  queue: QueueName;
  action: string;
  /** Ids Postgres has cancelled for this action. */
  ids: string[];
  /** Empty and obliterate take every waiting job of the queue, not listed ids. */
  wholeQueue: boolean;
}

const reasonFor = (action: string): WaitingJobRemoval => ({
  message: `Removed from Redis by the dashboard's "${action}" action.`,
  permanent: true,
  name: 'DashboardRemovalError',
  at: new Date().toISOString(),
});

/**
 * Keeps Postgres in step with board actions that remove waiting jobs from Redis. Each
 * cancels in Postgres *before* Redis removes anything: a copy the action then leaves
 * behind is refused by the worker that fetches it (starting is fenced on the status),
 * whereas a job removed from Redis first would stay queued in Postgres if the cancel
 * failed. After the action, Redis drops what Postgres now calls cancelled but the action
 * left (BullMQ's `drain` keeps delayed jobs, `clean` keeps those within its grace time).
 */
@Injectable()
export class DashboardRemovals {
  private readonly logger = new Logger('dashboard');
  // Bull Board's wrapHandler passes the same context object to the before and the after hook.
  private readonly pending = new WeakMap<HookContext, Removal>();

  constructor(
    private readonly canceller: WaitingJobCanceller,
    private readonly queues: JobQueues,
  ) {}

  /** Cancels in Postgres what the action will remove; or refuses it, saying why. */
  async before(context: HookContext): Promise<BeforeHookResult> {
    const { queueName = '', jobId, queueStatus = '' } = paramsOf(context);
    if (!isQueueName(queueName)) {
      return undefined; // Bull Board answers 404 for an unknown queue.
    }
    switch (boardRouteOf(context)) {
      case BOARD_ROUTES.empty:
        return this.cancelQueue(context, queueName, 'empty');
      case BOARD_ROUTES.obliterate:
        return this.beforeObliterate(context, queueName);
      case BOARD_ROUTES.cleanAll:
        return this.beforeCleanAll(context, queueName, queueStatus);
      case BOARD_ROUTES.cleanOne:
        return jobId ? this.beforeCleanOne(context, queueName, jobId) : undefined;
      default:
        return undefined;
    }
  }

  /** Removes from Redis what Postgres cancelled, and cancels what slipped into the queue meanwhile. */
  async after(context: HookContext, result: ControllerHandlerReturnType): Promise<void> {
    const removal = this.pending.get(context);
    if (!removal) {
      return;
    }
    this.pending.delete(context);
    let ids = removal.ids;
    if (removal.wholeQueue && (result.status ?? 200) < 300) {
      // A job handed to Redis between the cancel and the action was removed uncancelled.
      const late = await this.canceller.cancelQueue(removal.queue, reasonFor(removal.action));
      ids = [...ids, ...late];
    }
    await this.removeFromRedis(removal.queue, ids);
  }

  private async beforeObliterate(context: HookContext, name: QueueName): Promise<BeforeHookResult> {
    const queue = this.queues.queue(name);
    // Bull Board refuses these two itself, but only after this hook: Postgres must not
    // have cancelled jobs that then stay in Redis.
    if (!(await queue.isPaused())) {
      return {
        allow: false,
        status: 400,
        errorKey: 'ERRORS.QUEUE_NOT_PAUSED',
        message: `Queue "${name}" is not paused, and the dashboard does not pause queues. Use "Empty" to cancel and remove its waiting and scheduled jobs, and "Clean all" to remove its finished ones.`,
      };
    }
    const running = await queue.getActiveCount();
    if (running > 0) {
      // Refused even when forced: a forced obliterate takes running jobs from under their workers.
      return {
        allow: false,
        status: 409,
        errorKey: 'ERRORS.QUEUE_HAS_ACTIVE_JOBS',
        message: `${running} jobs of queue "${name}" are running. Wait until they finish, or cancel them with POST /jobs/:id/cancel, then obliterate.`,
      };
    }
    return this.cancelQueue(context, name, 'obliterate');
  }

  private async beforeCleanAll(
    context: HookContext,
    name: QueueName,
    state: string,
  ): Promise<BeforeHookResult> {
    if (FINISHED.includes(state)) {
      return undefined;
    }
    if (!WAITING.includes(state)) {
      return {
        allow: false,
        status: 400,
        message: `Only completed, failed, waiting, prioritized, delayed and paused jobs can be cleaned from the dashboard, got "${state}". Cancel a running job with POST /jobs/:id/cancel: its worker stops it.`,
      };
    }
    const ids = await this.queues.queue(name).getRanges([state as JobType], 0, -1);
    return this.cancelIds(context, name, `clean all ${state}`, ids);
  }

  private async beforeCleanOne(
    context: HookContext,
    name: QueueName,
    jobId: string,
  ): Promise<BeforeHookResult> {
    const state = await this.queues.queue(name).getJobState(jobId);
    // An active job is refused by Bull Board (409); a finished one keeps its outcome.
    return WAITING.includes(state) ? this.cancelIds(context, name, 'clean', [jobId]) : undefined;
  }

  private async cancelQueue(context: HookContext, queue: QueueName, action: string) {
    const ids = await this.canceller.cancelQueue(queue, reasonFor(action));
    this.pending.set(context, { queue, action, ids, wholeQueue: true });
    return undefined;
  }

  private async cancelIds(context: HookContext, queue: QueueName, action: string, ids: string[]) {
    const cancelled = await this.canceller.cancelIds(ids, reasonFor(action));
    this.pending.set(context, { queue, action, ids: cancelled, wholeQueue: false });
    return undefined;
  }

  private async removeFromRedis(queue: QueueName, ids: string[]): Promise<void> {
    for (let start = 0; start < ids.length; start += REMOVE_CHUNK) {
      const chunk = ids.slice(start, start + REMOVE_CHUNK);
      await Promise.all(
        chunk.map((id) =>
          this.queues.remove(queue, id).catch((error: Error) => {
            // Harmless: Postgres calls it cancelled, so no worker will run this copy.
            this.logger.warn(`Job ${id} is cancelled; its copy stays in Redis: ${error.message}`);
          }),
        ),
      );
    }
  }
}
