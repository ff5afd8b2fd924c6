import { IsObject, IsOptional, IsString, Matches } from 'class-validator';

/** One step of a SCHEDULES_FILE entry's `steps`. */
export class ScheduleStepEntry {
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, {
    message: '$property must be 1 to 64 lowercase letters, digits or "_", starting with a letter',
  })
  name!: string;

  @IsString({ message: '$property must be a string naming a job type' })
  type!: string;

  @IsOptional()
  @IsObject({ message: '$property must be a JSON object' })
  payload?: Record<string, unknown>;

  @IsOptional()
  @IsString({ message: '$property must be a string' })
  queue?: string;
}
