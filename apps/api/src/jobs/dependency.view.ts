import type { DependencyState, JobState } from '@lib/job-status';
import { ApiProperty } from '@nestjs/swagger';
import { JOB_ID, JOB_STATE } from '../openapi/schema-options';

/** One of a job's dependencies, as it stands now. */
export class DependencyView implements DependencyState {
  @ApiProperty(JOB_ID)
  id!: string;
  /** Null once retention removed the dependency. @example "data_import" */
  @ApiProperty({ type: 'string', nullable: true })
  type!: string | null;
  /** Null once retention removed the dependency. */
  @ApiProperty({ ...JOB_STATE, nullable: true, example: 'completed' })
  status!: JobState | null;
}
