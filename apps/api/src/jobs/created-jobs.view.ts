import type { JobState } from '@lib/job-status';
import { ApiProperty } from '@nestjs/swagger';
import { ErrorView } from '../http/error.view';
import { JOB_ID, JOB_STATE, STATUS_URL } from '../openapi/schema-options';

export const CREATION_RESULTS = ['created', 'replayed', 'refused'] as const;
export type CreationResult = (typeof CREATION_RESULTS)[number];

/** What became of one job of a batch, in the batch's order. */
export class JobCreationView {
  @ApiProperty({
    enum: CREATION_RESULTS,
    description:
      '`created` (202 alone), `replayed`: its idempotency_key was used before (200 alone), `refused` (its error alone).',
    example: 'created',
  })
  result!: CreationResult;
  /** The status this job would have been answered alone. @example 202 */
  @ApiProperty({ type: 'integer' })
  status_code!: number;
  @ApiProperty({ ...JOB_ID, required: false, description: 'Absent when refused.' })
  job_id?: string;
  @ApiProperty({ ...JOB_STATE, required: false, example: 'queued' })
  status?: JobState;
  @ApiProperty({ ...STATUS_URL, required: false })
  status_url?: string;
  /** Why the job was refused; nothing was written for it. */
  error?: ErrorView;
}

/** Answer of `POST /create-jobs` with a batch. */
export class CreatedJobsView {
  results!: JobCreationView[];
}
