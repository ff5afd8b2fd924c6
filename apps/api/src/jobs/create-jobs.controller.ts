import { SCOPES, jobTypeRefusal } from '@lib/auth';
import type { Caller } from '@lib/auth';
import { JobDispatcher } from '@lib/dispatch';
import type { DispatchOutcome, DispatchRequest } from '@lib/dispatch';
import { Controller, Post, Res, UseInterceptors } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiOkResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actorOf } from '../audit/actor-of';
import { AUDIT_ACTIONS } from '../audit/audit-entry';
import { AuditTrail } from '../audit/audit-trail';
import { RequestCaller } from '../auth/request-caller.decorator';
import { RequiresScope } from '../auth/requires-scope.decorator';
import { errorAnswer } from '../http/error-answer';
import type { ErrorView } from '../http/error.view';
import { ApiErrors } from '../http/api-errors.decorator';
import { CreateRateInterceptor } from '../limits/create-rate.interceptor';
import { CreateJobDto } from './create-job.dto';
import { CreateJobsBatchDto } from './create-jobs-batch.dto';
import { CreatedJobView } from './created-job.view';
import { CreatedJobsView } from './created-jobs.view';
import type { JobCreationView } from './created-jobs.view';
import { JobsRequestBody } from './jobs-request-body.decorator';
import type { JobsRequest } from './jobs-request.pipe';

// The tenant is the caller's, never the body's (which has no such field).
const dispatchRequestOf = (body: CreateJobDto, tenantId: string): DispatchRequest => ({
  tenantId,
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
  dependsOn: body.depends_on,
  onDependencyFailure: body.on_dependency_failure,
  // Absent unless given, so that requests without one hash as they did before webhooks.
  webhook:
    body.webhook_url === undefined && body.webhook_secret === undefined
      ? undefined
      : { url: body.webhook_url, secret: body.webhook_secret },
});

const isRefusal = (job: CreateJobDto | ErrorView): job is ErrorView =>
  !(job instanceof CreateJobDto);

function creationOf(outcome: DispatchOutcome): JobCreationView {
  if (outcome instanceof Error) {
    const error = errorAnswer(outcome);
    return { result: 'refused', status_code: error.statusCode, error };
  }
  return {
    result: outcome.created ? 'created' : 'replayed',
    status_code: outcome.created ? 202 : 200,
    job_id: outcome.jobId,
    status: outcome.status,
    status_url: `/job-status/${outcome.jobId}`,
  };
}

@ApiBearerAuth()
@ApiTags('jobs')
@ApiExtraModels(CreateJobDto, CreateJobsBatchDto, CreatedJobView, CreatedJobsView)
@Controller()
export class CreateJobsController {
  constructor(
    private readonly dispatcher: JobDispatcher,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * One job: 202 with the new job, 200 with the earlier job when the idempotency key was
   * used before. A batch `{"jobs": […]}`: 200 with one result per job, in order.
   */
  @Post('create-jobs')
  @RequiresScope(SCOPES.jobsCreate)
  @UseInterceptors(CreateRateInterceptor)
  @ApiBody({
    schema: {
      oneOf: [{ $ref: getSchemaPath(CreateJobDto) }, { $ref: getSchemaPath(CreateJobsBatchDto) }],
    },
    description: `One job, or up to 1000 as {"jobs": […]}: the valid jobs of a batch are recorded in one statement and queued in one round trip.`,
  })
  @ApiAcceptedResponse({ type: CreatedJobView, description: 'One job: recorded and queued.' })
  @ApiOkResponse({
    description:
      'One job whose idempotency_key was used before: that job. A batch: what became of each job, in order.',
    schema: {
      oneOf: [{ $ref: getSchemaPath(CreatedJobView) }, { $ref: getSchemaPath(CreatedJobsView) }],
    },
  })
  @ApiErrors(400, 401, 403, 409, 413, 415, 429, 503)
  async create(
    @JobsRequestBody() request: JobsRequest,
    @RequestCaller() caller: Caller,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<CreatedJobView | CreatedJobsView> {
    if (request.kind === 'batch') {
      response.status(200);
      return { results: await this.createBatch(request.jobs, caller) };
    }
    const refusal = jobTypeRefusal(caller, request.job.type);
    if (refusal) {
      throw refusal;
    }
    const result = await this.dispatcher.dispatch(dispatchRequestOf(request.job, caller.tenant));
    if (result.created) {
      await this.recordCreated(caller, [result.jobId]);
    }
    const statusUrl = `/job-status/${result.jobId}`;
    response.status(result.created ? 202 : 200).header('location', statusUrl);
    return { job_id: result.jobId, status: result.status, status_url: statusUrl };
  }

  private async createBatch(
    requested: Array<CreateJobDto | ErrorView>,
    caller: Caller,
  ): Promise<JobCreationView[]> {
    // A type this key may not create is refused alone, as a job breaking a rule is.
    const jobs = requested.map((job) => {
      const refusal = isRefusal(job) ? undefined : jobTypeRefusal(caller, job.type);
      return refusal ? errorAnswer(refusal) : job;
    });
    const valid = jobs.filter((job): job is CreateJobDto => !isRefusal(job));
    const outcomes = await this.dispatcher.dispatchMany(
      valid.map((job) => dispatchRequestOf(job, caller.tenant)),
    );
    const created = outcomes.flatMap((o) => (o instanceof Error || !o.created ? [] : [o.jobId]));
    if (created.length > 0) {
      await this.recordCreated(caller, created);
    }
    let next = 0;
    return jobs.map((job) =>
      isRefusal(job)
        ? { result: 'refused', status_code: job.statusCode, error: job }
        : creationOf(outcomes[next++]),
    );
  }

  // One entry per request, however many jobs a batch created: a create costs one row.
  private recordCreated(caller: Caller, jobIds: string[]): Promise<void> {
    return this.audit.record({
      actor: actorOf(caller),
      tenant: caller.tenant,
      action: AUDIT_ACTIONS.jobsCreated,
      jobIds,
    });
  }
}
