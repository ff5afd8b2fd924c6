import { JOB_STATE_VALUES } from '@lib/job-status';
import type { JobState } from '@lib/job-status';
import { IntegerFrom } from '@lib/validation';
import { IsIn, IsOptional, IsString } from 'class-validator';

/** Query string of `GET /jobs`. */
export class ListJobsQuery {
  @IsOptional()
  @IsIn(JOB_STATE_VALUES, {
    message: `$property must be one of ${JOB_STATE_VALUES.join(', ')}, got $value.`,
  })
  status?: JobState;

  @IsOptional()
  @IsString()
  type?: string;

  @IsOptional()
  @IsString()
  queue?: string;

  @IsOptional()
  @IntegerFrom(1, 1000, { coerce: true })
  limit: number = 50;

  @IsOptional()
  @IsString()
  cursor?: string;
}
