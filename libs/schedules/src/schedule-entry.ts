import { IsBoolean, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** One entry of SCHEDULES_FILE: a name, and the fields it sets or overrides. */
export class ScheduleEntry {
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, {
    message: '$property must be 1 to 64 lowercase letters, digits or "_", starting with a letter',
  })
  name!: string;

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

  @IsOptional()
  @IsObject({ message: '$property must be a JSON object' })
  payload?: Record<string, unknown>;

  @IsOptional()
  @IsString({ message: '$property must be a string' })
  queue?: string;

  @IsOptional()
  @IsBoolean({ message: '$property must be true or false' })
  enabled?: boolean;
}
