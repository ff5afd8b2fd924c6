import { ApiProperty } from '@nestjs/swagger';

/** Answer of a cancel request. */
export class CancelledJobView {
  /** @example "6b0c2a4e-8f1d-4c33-9a57-1f2e3d4c5b6a" */
  job_id!: string;
  @ApiProperty({
    enum: ['cancelled', 'cancelling'],
    description: '`cancelling` while the worker running the job stops it.',
    example: 'cancelling',
  })
  status!: 'cancelled' | 'cancelling';
}
