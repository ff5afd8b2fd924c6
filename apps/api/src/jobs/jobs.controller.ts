import { SCOPES } from '@lib/auth';
import type { Caller } from '@lib/auth';
import { JobStatusReader } from '@lib/job-status';
import { Controller, Get, Query } from '@nestjs/common';
import { ListJobsQuery } from './list-jobs.query';
import { toJobStatusView } from './job-status.view';
import { JobListView } from './job-list.view';
import { RequestCaller } from '../auth/request-caller.decorator';
import { RequiresScope } from '../auth/requires-scope.decorator';
import { ApiErrors } from '../http/api-errors.decorator';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';

@ApiBearerAuth()
@ApiTags('jobs')
@Controller()
export class JobsController {
  constructor(private readonly reader: JobStatusReader) {}

  /** The caller's tenant's jobs, newest first; pass `next_cursor` back as `cursor` for the next page. */
  @Get('jobs')
  @RequiresScope(SCOPES.jobsRead)
  @ApiOkResponse({ type: JobListView })
  @ApiErrors(400, 401, 403)
  async list(@Query() query: ListJobsQuery, @RequestCaller() caller: Caller): Promise<JobListView> {
    const page = await this.reader.list({ ...query, tenantId: caller.tenant });
    return { jobs: page.jobs.map(toJobStatusView), next_cursor: page.nextCursor };
  }
}
