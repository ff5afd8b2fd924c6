import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ScheduleJobFields } from './schedule-job-fields';
import { ScheduleStepEntry } from './schedule-step-entry';

/** Jobs of one chain at most: a longer pipeline is better split. */
export const MAX_STEPS = 20;

/** One entry of SCHEDULES_FILE: a name, and the fields it sets or overrides. */
export class ScheduleEntry extends ScheduleJobFields {
  @IsOptional()
  @IsString({ message: '$property must be a string' })
  @MaxLength(200, { message: '$property must be at most 200 characters long' })
  cron?: string;

  @IsOptional()
  @IsString({ message: '$property must be a string' })
  timezone?: string;

  @IsOptional()
  @IsString({ message: '$property must be a string' })
  type?: string;

  /** Exclusive with type, payload and queue. */
  @IsOptional()
  @ArrayMinSize(1, { message: '$property must list at least one step' })
  @ArrayMaxSize(MAX_STEPS, { message: `$property must list at most ${MAX_STEPS} steps` })
  @ValidateNested({ each: true })
  @Type(() => ScheduleStepEntry)
  @IsArray({ message: '$property must be an array of {name, type, payload?, queue?}' })
  steps?: ScheduleStepEntry[];

  @IsOptional()
  @IsBoolean({ message: '$property must be true or false' })
  enabled?: boolean;
}
