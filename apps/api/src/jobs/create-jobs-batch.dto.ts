import { ApiProperty } from '@nestjs/swagger';
import { CreateJobDto } from './create-job.dto';
import { MAX_JOBS_PER_BATCH } from './jobs-request.pipe';

/** Body of `POST /create-jobs` for many jobs at once (checked by JobsRequestPipe). */
export class CreateJobsBatchDto {
  @ApiProperty({
    type: [CreateJobDto],
    minItems: 1,
    maxItems: MAX_JOBS_PER_BATCH,
    description:
      'Each job as it would be sent alone; each is created, replayed or refused on its own.',
    example: [
      { type: 'sleep', payload: { ms: 100 } },
      { type: 'sleep', payload: { ms: 200 }, queue: 'high', idempotency_key: 'nightly-2026-12-01' },
    ],
  })
  jobs!: CreateJobDto[];
}
