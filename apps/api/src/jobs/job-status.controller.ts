import { JobStatusReader } from '@lib/job-status';
import { Controller, Get, Param } from '@nestjs/common';
import { JobIdPipe } from './job-id.pipe';
import { JobStatusView, toJobStatusView } from './job-status.view';
import { ApiErrors } from '../http/api-errors.decorator';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';

@ApiTags('jobs')
@Controller()
export class JobStatusController {
  constructor(private readonly reader: JobStatusReader) {}

  @Get('job-status/:id')
  @ApiParam({ name: 'id', description: 'The job_id returned by POST /create-jobs (a UUID).' })
  @ApiOkResponse({ type: JobStatusView })
  @ApiErrors(400, 404)
  async get(@Param('id', JobIdPipe) id: string): Promise<JobStatusView> {
    return toJobStatusView(await this.reader.get(id));
  }
}
