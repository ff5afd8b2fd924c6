import type { JobState } from '@lib/job-status';
import { ApiProperty } from '@nestjs/swagger';
import { JOB_ID, JOB_STATE, STATUS_URL } from '../openapi/schema-options';

/** Answer of `POST /create-jobs`. */
export class CreatedJobView {
  @ApiProperty(JOB_ID)
  job_id!: string;
  @ApiProperty({ ...JOB_STATE, example: 'queued' })
  status!: JobState;
  @ApiProperty(STATUS_URL)
  status_url!: string;
}
