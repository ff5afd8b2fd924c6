import { JobStatusReader } from '@lib/job-status';
import { Controller, Get, Query } from '@nestjs/common';
import { ListJobsQuery } from './list-jobs.query';
import { toJobStatusView } from './job-status.view';
import { JobListView } from './job-list.view';
import { columnsLeftOut, pickFields } from './job-list-fields';
import { ApiErrors } from '../http/api-errors.decorator';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';

@ApiTags('jobs')
@Controller()
export class JobsController {
  constructor(private readonly reader: JobStatusReader) {}

  /**
   * Newest first, 50 a page unless `limit` says otherwise (200 at most); pass
   * `next_cursor` back as `cursor` for the next page. `fields` chooses what each job carries.
   */
  @Get('jobs')
  @ApiOkResponse({ type: JobListView })
  @ApiErrors(400)
  async list(@Query() query: ListJobsQuery): Promise<JobListView> {
    const page = await this.reader.list({ ...query, leaveOut: columnsLeftOut(query.fields) });
    return {
      jobs: page.jobs.map((job) => pickFields(toJobStatusView(job), query.fields)),
      next_cursor: page.nextCursor,
    };
  }
}
