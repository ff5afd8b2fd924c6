import { SCOPES } from '@lib/auth';
import type { Caller } from '@lib/auth';
import { JobCanceller } from '@lib/dispatch';
import { Controller, Delete, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actorOf } from '../audit/actor-of';
import { AUDIT_ACTIONS } from '../audit/audit-entry';
import { AuditTrail } from '../audit/audit-trail';
import { RequestCaller } from '../auth/request-caller.decorator';
import { RequiresScope } from '../auth/requires-scope.decorator';
import { ApiErrors } from '../http/api-errors.decorator';
import { CancelledJobView } from './cancelled-job.view';
import { JobIdPipe } from './job-id.pipe';

@ApiBearerAuth()
@ApiTags('jobs')
@ApiParam({ name: 'id', description: 'The job_id returned by POST /create-jobs (a UUID).' })
@Controller('jobs')
@RequiresScope(SCOPES.jobsCancel)
export class CancelJobController {
  constructor(
    private readonly canceller: JobCanceller,
    private readonly audit: AuditTrail,
  ) {}

  /** 200 when the job is cancelled at once; 202 while the worker running it stops it. */
  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: CancelledJobView, description: 'It was waiting: it is cancelled.' })
  @ApiAcceptedResponse({ type: CancelledJobView, description: 'It runs: its worker aborts it.' })
  @ApiErrors(400, 401, 403, 404, 409)
  cancel(
    @Param('id', JobIdPipe) id: string,
    @RequestCaller() caller: Caller,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<CancelledJobView> {
    return this.answer(id, caller, response);
  }

  /** The REST alias of POST /jobs/:id/cancel. */
  @Delete(':id')
  @HttpCode(200)
  @ApiOkResponse({ type: CancelledJobView })
  @ApiAcceptedResponse({ type: CancelledJobView })
  @ApiErrors(400, 401, 403, 404, 409)
  remove(
    @Param('id', JobIdPipe) id: string,
    @RequestCaller() caller: Caller,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<CancelledJobView> {
    return this.answer(id, caller, response);
  }

  private async answer(
    id: string,
    caller: Caller,
    response: FastifyReply,
  ): Promise<CancelledJobView> {
    const { status } = await this.canceller.cancel(id, caller.tenant);
    await this.audit.record({
      actor: actorOf(caller),
      tenant: caller.tenant,
      action: AUDIT_ACTIONS.jobCancelled,
      jobIds: [id],
    });
    response.status(status === 'cancelling' ? 202 : 200);
    return { job_id: id, status };
  }
}
