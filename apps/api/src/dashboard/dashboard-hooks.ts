import { JobStatusRecorder } from '@lib/job-status';
import { JobQueues, isQueueName } from '@lib/queues';
import { Injectable } from '@nestjs/common';
import type { BeforeHookResult, HookContext } from '@bull-board/api/typings/app';
import type { ControllerHandlerReturnType } from '@bull-board/api/typings/app';
import type { JobType } from 'bullmq';

// The dashboard's routes that change a job's status (Bull Board 9's API).
const RETRY_ONE = '/api/queues/:queueName/:jobId/retry';
const RETRY_ALL = '/api/queues/:queueName/retry/:queueStatus';
const PROMOTE_ONE = '/api/queues/:queueName/:jobId/promote';
const PROMOTE_ALL = '/api/queues/:queueName/promote';
const ADD = '/api/queues/:queueName/add';

type RouteParams = Partial<Record<'queueName' | 'jobId' | 'queueStatus', string>>;
const paramsOf = (context: HookContext) => (context.request.params ?? {}) as RouteParams;

/**
 * Keeps Postgres in step with what an operator does in the dashboard. A retried job
 * is queued again in Postgres *before* Redis hands it to a worker (which only starts
 * jobs Postgres says may start); a promoted job is queued once Redis has promoted it.
 * Jobs cannot be added from the dashboard: they would have no status in Postgres.
 */
@Injectable()
export class DashboardHooks {
  constructor(
    private readonly recorder: JobStatusRecorder,
    private readonly queues: JobQueues,
  ) {}

  async before(context: HookContext): Promise<BeforeHookResult> {
    const { route } = context;
    const { queueName = '', jobId, queueStatus } = paramsOf(context);
    if (route === ADD) {
      return {
        allow: false,
        status: 400,
        message: 'Create jobs with POST /create-jobs, so that they are validated and recorded.',
      };
    }
    if (route === RETRY_ONE && jobId) {
      await this.recorder.requeue(jobId, 'dashboard');
    }
    if (route === RETRY_ALL && (queueStatus === 'failed' || queueStatus === 'completed')) {
      await Promise.all(
        (await this.jobIds(queueName, [queueStatus])).map((id) =>
          this.recorder.requeue(id, 'dashboard'),
        ),
      );
    }
    return undefined;
  }

  async after(
    context: HookContext,
    result: ControllerHandlerReturnType,
  ): Promise<ControllerHandlerReturnType> {
    const { route } = context;
    const { queueName = '', jobId } = paramsOf(context);
    const succeeded = (result.status ?? 200) < 300;
    if (succeeded && route === PROMOTE_ONE && jobId) {
      await this.recorder.promote(jobId);
    }
    if (succeeded && route === PROMOTE_ALL) {
      // Promoted jobs are waiting now; those still marked scheduled in Postgres are queued.
      await Promise.all(
        (await this.jobIds(queueName, ['waiting', 'prioritized'])).map((id) =>
          this.recorder.promote(id),
        ),
      );
    }
    return result;
  }

  private async jobIds(queueName: string, states: JobType[]): Promise<string[]> {
    if (!isQueueName(queueName)) {
      return [];
    }
    const jobs = await this.queues.queue(queueName).getJobs(states);
    return jobs.map((job) => job.id).filter((id): id is string => id !== undefined);
  }
}
