import { ApiKeyVerifier } from '@lib/auth';
import { JobStatusRecorder } from '@lib/job-status';
import { JobQueues, isQueueName } from '@lib/queues';
import { Injectable } from '@nestjs/common';
import type { BeforeHookResult, HookContext } from '@bull-board/api/typings/app';
import type { ControllerHandlerReturnType } from '@bull-board/api/typings/app';
import type { JobType } from 'bullmq';
import { AUDIT_ACTIONS } from '../audit/audit-entry';
import { AuditTrail } from '../audit/audit-trail';
import { dashboardActor } from '../audit/dashboard-actor';
import { unknownHistoryQueue } from './dashboard-history-queue';
import { dashboardRefusal } from './dashboard-refusal';
import { DashboardRemovals } from './dashboard-removals';
import { BOARD_ROUTES, boardRouteOf, paramsOf } from './dashboard-routes';

const ACTING_ROUTES: ReadonlySet<string> = new Set(Object.values(BOARD_ROUTES));

// The dashboard acts on the platform's queues, whatever tenant their jobs belong to.
const ALL_TENANTS = '*';

/**
 * Keeps Postgres in step with what an operator does in the dashboard. Edits Postgres
 * could not follow are refused (see dashboardRefusal); removals of waiting jobs cancel
 * them in Postgres first (see DashboardRemovals). A retried job is queued again in
 * Postgres *before* Redis hands it to a worker (which only starts jobs Postgres says may
 * start); a promoted job is queued once Redis has promoted it. Every action that
 * succeeded is in the audit log before the board hears of its result.
 */
@Injectable()
export class DashboardHooks {
  constructor(
    private readonly recorder: JobStatusRecorder,
    private readonly queues: JobQueues,
    private readonly removals: DashboardRemovals,
    private readonly audit: AuditTrail,
    private readonly verifier: ApiKeyVerifier,
  ) {}

  async before(context: HookContext): Promise<BeforeHookResult> {
    const route = boardRouteOf(context);
    const { queueName = '', jobId, queueStatus } = paramsOf(context);
    const refusal = dashboardRefusal(route) ?? unknownHistoryQueue(context);
    if (refusal) {
      return { allow: false, status: 400, message: refusal };
    }
    if (route === BOARD_ROUTES.retryOne && jobId) {
      await this.recorder.requeue(jobId, 'dashboard');
    }
    if (
      route === BOARD_ROUTES.retryAll &&
      (queueStatus === 'failed' || queueStatus === 'completed')
    ) {
      await Promise.all(
        (await this.jobIds(queueName, [queueStatus])).map((id) =>
          this.recorder.requeue(id, 'dashboard'),
        ),
      );
    }
    return this.removals.before(context);
  }

  async after(
    context: HookContext,
    result: ControllerHandlerReturnType,
  ): Promise<ControllerHandlerReturnType> {
    const route = boardRouteOf(context);
    const { queueName = '', jobId } = paramsOf(context);
    const succeeded = (result.status ?? 200) < 300;
    await this.removals.after(context, result);
    if (succeeded && route === BOARD_ROUTES.promoteOne && jobId) {
      await this.recorder.promote(jobId);
    }
    if (succeeded && route === BOARD_ROUTES.promoteAll) {
      // Promoted jobs are waiting now; those still marked scheduled in Postgres are queued.
      await Promise.all(
        (await this.jobIds(queueName, ['waiting', 'prioritized'])).map((id) =>
          this.recorder.promote(id),
        ),
      );
    }
    if (succeeded && ACTING_ROUTES.has(route)) {
      await this.recordAction(context, route);
    }
    return result;
  }

  private async recordAction(context: HookContext, route: string): Promise<void> {
    const { queueName, jobId, queueStatus } = paramsOf(context);
    return this.audit.record({
      actor: await dashboardActor(context.request.headers.authorization, this.verifier),
      tenant: ALL_TENANTS,
      action: AUDIT_ACTIONS.dashboard,
      jobIds: jobId ? [jobId] : [],
      detail: { route, queue: queueName ?? null, status: queueStatus ?? null },
    });
  }

  private async jobIds(queueName: string, states: JobType[]): Promise<string[]> {
    if (!isQueueName(queueName)) {
      return [];
    }
    const jobs = await this.queues.queue(queueName).getJobs(states);
    return jobs.map((job) => job.id).filter((id): id is string => id !== undefined);
  }
}
