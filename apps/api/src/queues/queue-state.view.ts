import { ApiProperty } from '@nestjs/swagger';
import { QUEUE_NAME } from '../openapi/schema-options';

/** Whether a queue hands out jobs, after a pause or a resume. */
export class QueueStateView {
  @ApiProperty({ ...QUEUE_NAME, example: 'low' })
  queue!: string;
  /** True: no worker takes a job from it (running ones finish); jobs still join it. */
  paused!: boolean;
}
