import { JobDispatcher } from '@lib/dispatch';
import { Body, Controller, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CreateJobDto } from './create-job.dto';
import { ExclusiveDelayError } from './exclusive-delay.error';
import { CreatedJobView } from './created-job.view';
import { ApiErrors } from '../http/api-errors.decorator';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';

@ApiTags('jobs')
@Controller()
export class CreateJobsController {
  constructor(private readonly dispatcher: JobDispatcher) {}

  /** 202 with the new job; 200 with the earlier job when the idempotency key was used before. */
  @Post('create-jobs')
  @ApiAcceptedResponse({ type: CreatedJobView, description: 'Recorded and queued.' })
  @ApiOkResponse({
    type: CreatedJobView,
    description: 'The idempotency_key was used before: that job.',
  })
  @ApiErrors(400, 409, 413, 503)
  async create(
    @Body() body: CreateJobDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CreatedJobView> {
    if (body.delay_ms !== undefined && body.run_at !== undefined) {
      throw new ExclusiveDelayError();
    }
    const result = await this.dispatcher.dispatch({
      type: body.type,
      payload: body.payload,
      queue: body.queue,
      priority: body.priority,
      delayMs: body.delay_ms,
      runAt: body.run_at === undefined ? undefined : new Date(body.run_at),
      maxAttempts: body.max_attempts,
      timeoutMs: body.timeout_ms,
      backoff: body.backoff && {
        type: body.backoff.type,
        delayMs: body.backoff.delay_ms,
        maxDelayMs: body.backoff.max_delay_ms,
      },
      idempotencyKey: body.idempotency_key,
    });
    const statusUrl = `/job-status/${result.jobId}`;
    response.status(result.created ? 202 : 200).location(statusUrl);
    return { job_id: result.jobId, status: result.status, status_url: statusUrl };
  }
}
