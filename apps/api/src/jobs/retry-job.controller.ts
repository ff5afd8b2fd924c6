import { SCOPES } from '@lib/auth';
import type { Caller } from '@lib/auth';
import { JobRetrier } from '@lib/dispatch';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { actorOf } from '../audit/actor-of';
import { AUDIT_ACTIONS } from '../audit/audit-entry';
import { AuditTrail } from '../audit/audit-trail';
import { RequestCaller } from '../auth/request-caller.decorator';
import { RequiresScope } from '../auth/requires-scope.decorator';
import { ApiErrors } from '../http/api-errors.decorator';
import { CreatedJobView } from './created-job.view';
import { JobIdPipe } from './job-id.pipe';

@ApiBearerAuth()
@ApiTags('jobs')
@Controller('jobs')
export class RetryJobController {
  constructor(
    private readonly retrier: JobRetrier,
    private readonly audit: AuditTrail,
  ) {}

  /** Queues a failed or cancelled job again: same payload, fresh attempts, history kept. */
  @Post(':id/retry')
  @RequiresScope(SCOPES.jobsRetry)
  @HttpCode(202)
  @ApiParam({ name: 'id', description: 'The job_id returned by POST /create-jobs (a UUID).' })
  @ApiAcceptedResponse({
    type: CreatedJobView,
    description: 'Queued again, or waiting again for its dependencies.',
  })
  @ApiErrors(400, 401, 403, 404, 409, 503)
  async retry(
    @Param('id', JobIdPipe) id: string,
    @RequestCaller() caller: Caller,
  ): Promise<CreatedJobView> {
    const { jobId, status } = await this.retrier.retry(id, caller.tenant);
    await this.audit.record({
      actor: actorOf(caller),
      tenant: caller.tenant,
      action: AUDIT_ACTIONS.jobRetried,
      jobIds: [jobId],
    });
    return { job_id: jobId, status, status_url: `/job-status/${jobId}` };
  }
}
