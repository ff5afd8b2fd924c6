import { SCOPES } from '@lib/auth';
import type { Caller } from '@lib/auth';
import { JobStatusReader } from '@lib/job-status';
import { Controller, Get, Param, Sse } from '@nestjs/common';
import type { MessageEvent } from '@nestjs/common';
import { map } from 'rxjs';
import type { Observable } from 'rxjs';
import { RequestCaller } from '../auth/request-caller.decorator';
import { RequiresScope } from '../auth/requires-scope.decorator';
import { JobStatusFeed } from './job-status-feed';
import { JobIdPipe } from './job-id.pipe';
import { JobStatusView, toJobStatusView } from './job-status.view';
import { ApiErrors } from '../http/api-errors.decorator';
import { ApiBearerAuth, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';

@ApiBearerAuth()
@ApiTags('jobs')
@Controller()
@RequiresScope(SCOPES.jobsRead)
export class JobStatusController {
  constructor(
    private readonly reader: JobStatusReader,
    private readonly feed: JobStatusFeed,
  ) {}

  /** One job's status: where it is in its lifecycle, its attempts, progress and outcome. */
  @Get('job-status/:id')
  @ApiParam({ name: 'id', description: 'The job_id returned by POST /create-jobs (a UUID).' })
  @ApiOkResponse({ type: JobStatusView })
  @ApiErrors(400, 401, 403, 404)
  async get(
    @Param('id', JobIdPipe) id: string,
    @RequestCaller() caller: Caller,
  ): Promise<JobStatusView> {
    return toJobStatusView(await this.reader.get(id, caller.tenant));
  }

  /**
   * Server-Sent Events: a `status` event with the job's status document now and after each
   * change (status, attempt, progress, result or error); the stream ends after a terminal
   * status, so a client need not poll, or after SSE_IDLE_TIMEOUT_MS without a change (follow
   * again). 429 past SSE_MAX_STREAMS_PER_TENANT streams open on this API process.
   */
  @Sse('job-status/:id/events')
  @ApiParam({ name: 'id', description: 'The job_id returned by POST /create-jobs (a UUID).' })
  @ApiOkResponse({
    description: 'text/event-stream of `status` events, each carrying a JobStatusView.',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiErrors(400, 401, 403, 404, 429)
  async events(
    @Param('id', JobIdPipe) id: string,
    @RequestCaller() caller: Caller,
  ): Promise<Observable<MessageEvent>> {
    // Checked once: the feed then follows only this job, which stays the tenant's.
    const current = await this.reader.get(id, caller.tenant);
    return this.feed.follow(current).pipe(
      map((job) => ({
        type: 'status',
        id: String(job.updatedAt.getTime()),
        data: toJobStatusView(job),
      })),
    );
  }
}
