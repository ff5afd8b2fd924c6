import { JobStatusReader } from '@lib/job-status';
import { Controller, Get, Param } from '@nestjs/common';
import { JobIdPipe } from './job-id.pipe';
import { toJobStatusView } from './job-status.view';
import type { JobStatusView } from './job-status.view';

@Controller()
export class JobStatusController {
  constructor(private readonly reader: JobStatusReader) {}

  @Get('job-status/:id')
  async get(@Param('id', JobIdPipe) id: string): Promise<JobStatusView> {
    return toJobStatusView(await this.reader.get(id));
  }
}
