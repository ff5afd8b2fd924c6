import { JobStatusReader } from '@lib/job-status';
import { Controller, Get, Query } from '@nestjs/common';
import { ListJobsQuery } from './list-jobs.query';
import { toJobStatusView } from './job-status.view';
import type { JobStatusView } from './job-status.view';

export interface JobListView {
  jobs: JobStatusView[];
  next_cursor: string | null;
}

@Controller()
export class JobsController {
  constructor(private readonly reader: JobStatusReader) {}

  /** Newest first; pass `next_cursor` back as `cursor` for the next page. */
  @Get('jobs')
  async list(@Query() query: ListJobsQuery): Promise<JobListView> {
    const page = await this.reader.list(query);
    return { jobs: page.jobs.map(toJobStatusView), next_cursor: page.nextCursor };
  }
}
