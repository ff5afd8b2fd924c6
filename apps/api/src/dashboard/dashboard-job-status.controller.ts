import { JobNotFoundError, JobStatusReader, statusDocument } from '@lib/job-status';
import type { StatusDocument } from '@lib/job-status';
import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { JobIdPipe } from '../jobs/job-id.pipe';

/**
 * A job's status document for the board's job links, under /admin/queues so that the
 * board's own credentials open it in the browser (a browser sends no API key). The board
 * shows every tenant's jobs, and so does this. Part of the board, not of the API document.
 */
@ApiExcludeController()
@Controller('admin/queues/job-status')
export class DashboardJobStatusController {
  constructor(private readonly reader: JobStatusReader) {}

  @Get(':id')
  @Header('cache-control', 'no-store')
  async get(@Param('id', JobIdPipe) id: string): Promise<StatusDocument> {
    const [job] = await this.reader.getMany([id]);
    if (!job) {
      throw new JobNotFoundError(id);
    }
    return statusDocument(job);
  }
}
