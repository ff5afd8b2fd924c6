import { SCOPES } from '@lib/auth';
import type { Caller } from '@lib/auth';
import { PlatformConfig } from '@lib/config';
import { JobStatusReader, isTerminal } from '@lib/job-status';
import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RequestCaller } from '../auth/request-caller.decorator';
import { RequiresScope } from '../auth/requires-scope.decorator';
import { JobStatusFeed } from './job-status-feed';
import { EVENT_STREAM_HEADERS, jobEventStream } from './job-event-stream';
import { lastEventId } from './last-event-id';
import { JobIdPipe } from './job-id.pipe';
import { JobStatusView } from './job-status.view';
import { statusDocument } from '@lib/job-status';
import { ApiErrors } from '../http/api-errors.decorator';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';

@ApiBearerAuth()
@ApiTags('jobs')
@Controller()
@RequiresScope(SCOPES.jobsRead)
export class JobStatusController {
  private readonly heartbeatMs: number;

  constructor(
    private readonly reader: JobStatusReader,
    private readonly feed: JobStatusFeed,
    config: PlatformConfig,
  ) {
    this.heartbeatMs = config.limits.sseHeartbeatMs;
  }

  /** One job's status: where it is in its lifecycle, its attempts, progress and outcome. */
  @Get('job-status/:id')
  @ApiParam({ name: 'id', description: 'The job_id returned by POST /create-jobs (a UUID).' })
  @ApiOkResponse({ type: JobStatusView })
  @ApiErrors(400, 401, 403, 404)
  async get(
    @Param('id', JobIdPipe) id: string,
    @RequestCaller() caller: Caller,
  ): Promise<JobStatusView> {
    return statusDocument(await this.reader.get(id, caller.tenant));
  }

  /**
   * Server-Sent Events: a `status` event with the job's status document now and after each
   * change (status, attempt, progress, result or error); the stream ends after a terminal
   * status, so a client need not poll, or after SSE_IDLE_TIMEOUT_MS without a change (follow
   * again). Each event's id is the job's row version: with Last-Event-ID only later
   * versions are sent, and a finished job the client has seen to the end answers 204, which
   * tells EventSource to stop. 429 past SSE_MAX_STREAMS_PER_TENANT streams open on this API
   * process.
   */
  @Get('job-status/:id/events')
  @ApiParam({
    name: 'id',
    description: 'The job_id returned by POST /create-jobs (a UUID).',
    schema: { type: 'string', format: 'uuid' },
  })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description:
      'The id of the last event received (EventSource sends it when it reconnects): only later ' +
      'statuses are sent. Ids are whole numbers; anything else answers 400.',
    schema: { type: 'string', pattern: '^[1-9][0-9]*$' },
  })
  @ApiOkResponse({
    description:
      'text/event-stream of `status` events, each carrying a JobStatusView as data and the ' +
      "job's row version as id, with a `retry:` hint and a `: heartbeat` comment every " +
      'SSE_HEARTBEAT_MS.',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiNoContentResponse({
    description:
      'The job is finished and Last-Event-ID is its final event or later: nothing more will come.',
  })
  @ApiErrors(400, 401, 403, 404, 429)
  async events(
    @Param('id', JobIdPipe) id: string,
    @Headers('last-event-id') lastEventIdHeader: string | undefined,
    @RequestCaller() caller: Caller,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const after = lastEventId(lastEventIdHeader);
    // Checked once: the feed then follows only this job, which stays the tenant's.
    const current = await this.reader.get(id, caller.tenant);
    if (after !== undefined && isTerminal(current.status) && Number(current.version) <= after) {
      await reply.code(204).send();
      return;
    }
    const body = jobEventStream(this.feed.follow(current, after), this.heartbeatMs);
    await reply.code(200).headers(EVENT_STREAM_HEADERS).send(body);
  }
}
