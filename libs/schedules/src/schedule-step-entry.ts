import { IsString } from 'class-validator';
import { ScheduleJobFields } from './schedule-job-fields';

/** One step of a SCHEDULES_FILE entry's `steps`. */
export class ScheduleStepEntry extends ScheduleJobFields {
  @IsString({ message: '$property must be a string naming a job type' })
  type!: string;
}
