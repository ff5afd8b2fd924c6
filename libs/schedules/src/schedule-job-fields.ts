import { IsObject, IsOptional, IsString, Matches } from 'class-validator';

/** Fields a SCHEDULES_FILE entry and each of its steps share: a name, and the job's payload and queue. */
export abstract class ScheduleJobFields {
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, {
    message: '$property must be 1 to 64 lowercase letters, digits or "_", starting with a letter',
  })
  name!: string;

  @IsOptional()
  @IsObject({ message: '$property must be a JSON object' })
  payload?: Record<string, unknown>;

  @IsOptional()
  @IsString({ message: '$property must be a string' })
  queue?: string;
}
