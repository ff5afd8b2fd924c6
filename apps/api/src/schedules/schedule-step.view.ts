import type { ScheduleStep } from '@lib/schedules';
import { ApiProperty } from '@nestjs/swagger';
import { QUEUE_NAME } from '../openapi/schema-options';

/** One job each tick of a schedule creates. */
export class ScheduleStepView {
  /** The step's name; a schedule of one job names its step after the job type. @example "load_daily_imports" */
  name!: string;
  /** @example "data_import" */
  type!: string;
  @ApiProperty({
    ...QUEUE_NAME,
    nullable: true,
    description: "Null: the job type's default queue.",
    example: 'etl',
  })
  queue!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true })
  payload!: Record<string, unknown>;
}

export const toScheduleStepView = (step: ScheduleStep): ScheduleStepView => ({
  name: step.name,
  type: step.type,
  queue: step.queue,
  payload: step.payload,
});
