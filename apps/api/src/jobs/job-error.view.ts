import type { JobError } from '@lib/job-status';
import { ApiProperty } from '@nestjs/swagger';
import { DATE_TIME } from '../openapi/schema-options';

/** Why the last attempt failed. */
export class JobErrorView implements JobError {
  /** @example "Attempt 2 fails on purpose (fail_attempts is 2)." */
  message!: string;
  /** True when retrying cannot help; the job then fails at once. */
  permanent!: boolean;
  /** @example "TransientJobError" */
  name!: string;
  /** The attempt (1-based) that failed. @example 2 */
  @ApiProperty({ type: 'integer', minimum: 1 })
  attempt!: number;
  @ApiProperty({ ...DATE_TIME, example: '2026-11-22T21:50:46.079Z' })
  at!: string;
}
