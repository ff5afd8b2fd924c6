import { JOB_STATE_VALUES } from '@lib/job-status';
import type { JobState } from '@lib/job-status';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

const limitRule = { message: '$property must be an integer from 1 to 1000, got $value.' };

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
  @Type(() => Number)
  @IsInt(limitRule)
  @Min(1, limitRule)
  @Max(1000, limitRule)
  limit: number = 50;

  @IsOptional()
  @IsString()
  cursor?: string;
}
