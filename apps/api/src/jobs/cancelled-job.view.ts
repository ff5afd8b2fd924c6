import { ApiProperty } from '@nestjs/swagger';
import { JOB_ID } from '../openapi/schema-options';

/** Answer of a cancel request. */
export class CancelledJobView {
  @ApiProperty(JOB_ID)
  job_id!: string;
  @ApiProperty({
    enum: ['cancelled', 'cancelling'],
    description: '`cancelling` while the worker running the job stops it.',
    example: 'cancelling',
  })
  status!: 'cancelled' | 'cancelling';
}
