import { JobStatusReader } from '@lib/job-status';
import { Controller, Get, Query } from '@nestjs/common';
import { ListJobsQuery } from './list-jobs.query';
import { toJobStatusView } from './job-status.view';
import { JobListView } from './job-list.view';
import { ApiErrors } from '../http/api-errors.decorator';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';

@ApiTags('jobs')
@Controller()
export class JobsController {
  constructor(private readonly reader: JobStatusReader) {}

  /** Newest first; pass `next_cursor` back as `cursor` for the next page. */
  @Get('jobs')
  @ApiOkResponse({ type: JobListView })
  @ApiErrors(400)
  async list(@Query() query: ListJobsQuery): Promise<JobListView> {
    const page = await this.reader.list(query);
    return { jobs: page.jobs.map(toJobStatusView), next_cursor: page.nextCursor };
  }
}
