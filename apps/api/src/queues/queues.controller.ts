import { SCOPES } from '@lib/auth';
import type { Caller } from '@lib/auth';
import { PlatformConfig } from '@lib/config';
import { QueuePauseLedger } from '@lib/job-status';
import { JobQueues } from '@lib/queues';
import type { QueueName } from '@lib/queues';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { actorOf } from '../audit/actor-of';
import { AUDIT_ACTIONS } from '../audit/audit-entry';
import { AuditTrail } from '../audit/audit-trail';
import { RequestCaller } from '../auth/request-caller.decorator';
import { RequiresScope } from '../auth/requires-scope.decorator';
import { ApiErrors } from '../http/api-errors.decorator';
import { QueueNamePipe } from './queue-name.pipe';
import { QueueStateView } from './queue-state.view';

@ApiBearerAuth()
@ApiTags('queues')
@ApiParam({ name: 'name', description: 'A queue: high, default, low, etl.', example: 'low' })
@Controller('queues')
@RequiresScope(SCOPES.admin)
export class QueuesController {
  constructor(
    private readonly queues: JobQueues,
    private readonly pauses: QueuePauseLedger,
    private readonly audit: AuditTrail,
    private readonly config: PlatformConfig,
  ) {}

  /**
   * Stops every worker taking jobs from the queue; running jobs finish, and new jobs still
   * join it. Pausing a paused queue changes nothing.
   */
  @Post(':name/pause')
  @HttpCode(200)
  @ApiOkResponse({ type: QueueStateView, description: 'Paused.' })
  @ApiErrors(400, 401, 403, 503)
  pause(
    @Param('name', QueueNamePipe) name: QueueName,
    @RequestCaller() caller: Caller,
  ): Promise<QueueStateView> {
    return this.setPaused(name, true, caller);
  }

  /** Lets workers take jobs from the queue again. Resuming a running queue changes nothing. */
  @Post(':name/resume')
  @HttpCode(200)
  @ApiOkResponse({ type: QueueStateView, description: 'Resumed.' })
  @ApiErrors(400, 401, 403, 503)
  resume(
    @Param('name', QueueNamePipe) name: QueueName,
    @RequestCaller() caller: Caller,
  ): Promise<QueueStateView> {
    return this.setPaused(name, false, caller);
  }

  private async setPaused(
    name: QueueName,
    paused: boolean,
    caller: Caller,
  ): Promise<QueueStateView> {
    // Postgres first: a Redis that forgets (or never hears) it is told again by recovery.
    await this.pauses.record(this.config.redis.prefix, name, paused);
    await this.queues.setPaused(name, paused);
    await this.audit.record({
      actor: actorOf(caller),
      tenant: caller.tenant,
      action: paused ? AUDIT_ACTIONS.queuePaused : AUDIT_ACTIONS.queueResumed,
      jobIds: [],
      detail: { queue: name },
    });
    return { queue: name, paused };
  }
}
