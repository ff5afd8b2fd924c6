import { SCOPES } from '@lib/auth';
import type { Caller } from '@lib/auth';
import { JobStatusReader } from '@lib/job-status';
import { WebhookAttemptsReader } from '@lib/webhooks';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { RequestCaller } from '../auth/request-caller.decorator';
import { RequiresScope } from '../auth/requires-scope.decorator';
import { ApiErrors } from '../http/api-errors.decorator';
import { JobIdPipe } from './job-id.pipe';
import { WebhookDeliveriesView } from './webhook-deliveries.view';
import { webhookDeliveryView } from './webhook-delivery.view';

@ApiBearerAuth()
@ApiTags('jobs')
@Controller()
@RequiresScope(SCOPES.jobsRead)
export class WebhookDeliveriesController {
  constructor(
    private readonly jobs: JobStatusReader,
    private readonly attempts: WebhookAttemptsReader,
  ) {}

  /**
   * Every attempt to deliver the job's webhook, oldest first: when, the HTTP status or the
   * error, and how long it took. Empty until the job is final, and for a job without a webhook.
   */
  @Get('job-status/:id/deliveries')
  @ApiParam({ name: 'id', description: 'The job_id returned by POST /create-jobs (a UUID).' })
  @ApiOkResponse({ type: WebhookDeliveriesView })
  @ApiErrors(400, 401, 403, 404)
  async list(
    @Param('id', JobIdPipe) id: string,
    @RequestCaller() caller: Caller,
  ): Promise<WebhookDeliveriesView> {
    // Another tenant's job answers the same 404 as an unknown one.
    await this.jobs.get(id, caller.tenant);
    return { deliveries: (await this.attempts.list(id)).map(webhookDeliveryView) };
  }
}
