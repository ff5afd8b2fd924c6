import { ApiProperty } from '@nestjs/swagger';
import { ErrorView } from '../http/error.view';

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
  status_code!: number;
  /** Absent when refused. @example "6b0c2a4e-8f1d-4c33-9a57-1f2e3d4c5b6a" */
  job_id?: string;
  /** @example "queued" */
  status?: string;
  /** @example "/job-status/6b0c2a4e-8f1d-4c33-9a57-1f2e3d4c5b6a" */
  status_url?: string;
  /** Why the job was refused; nothing was written for it. */
  error?: ErrorView;
}

/** Answer of `POST /create-jobs` with a batch. */
export class CreatedJobsView {
  results!: JobCreationView[];
}
