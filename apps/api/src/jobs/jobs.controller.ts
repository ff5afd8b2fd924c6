import { SCOPES } from '@lib/auth';
import type { Caller } from '@lib/auth';
import { JobStatusReader } from '@lib/job-status';
import { Controller, Get, Query } from '@nestjs/common';
import { ListJobsQuery } from './list-jobs.query';
import { statusDocument } from '@lib/job-status';
import { JobListView } from './job-list.view';
import { RequestCaller } from '../auth/request-caller.decorator';
import { RequiresScope } from '../auth/requires-scope.decorator';
import { columnsLeftOut, pickFields } from './job-list-fields';
import { ApiErrors } from '../http/api-errors.decorator';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';

@ApiBearerAuth()
@ApiTags('jobs')
@Controller()
export class JobsController {
  constructor(private readonly reader: JobStatusReader) {}

  /**
   * The caller's tenant's jobs, newest first, 50 a page unless `limit` says otherwise (200
   * at most); pass `next_cursor` back as `cursor` for the next page. `fields` chooses what
   * each job carries.
   */
  @Get('jobs')
  @RequiresScope(SCOPES.jobsRead)
  @ApiOkResponse({ type: JobListView })
  @ApiErrors(400, 401, 403)
  async list(@Query() query: ListJobsQuery, @RequestCaller() caller: Caller): Promise<JobListView> {
    const page = await this.reader.list({
      ...query,
      tenantId: caller.tenant,
      leaveOut: columnsLeftOut(query.fields),
    });
    return {
      jobs: page.jobs.map((job) => pickFields(statusDocument(job), query.fields)),
      next_cursor: page.nextCursor,
    };
  }
}
