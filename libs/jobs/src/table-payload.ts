import { refusalMessage } from '@lib/validation';
import { IsOptional, IsString, MinLength } from 'class-validator';

/** Payload fields of a job that works on one table, checked against an allow-list. */
export class TablePayload {
  @IsOptional()
  @IsString({ message: refusalMessage('must be a string') })
  @MinLength(1, { message: '$property must not be empty.' })
  schema: string = 'public';

  @IsString({ message: refusalMessage('must be a string naming the table') })
  @MinLength(1, { message: '$property must not be empty.' })
  table!: string;
}
