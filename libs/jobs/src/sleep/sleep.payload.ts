import { IntegerFrom, refusalMessage } from '@lib/validation';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

const MAX_SLEEP_MS = 3_600_000;

export class SleepPayload {
  /** How long to wait, in ms. */
  @IntegerFrom(0, MAX_SLEEP_MS)
  ms!: number;

  /** Echoed back in the result. */
  @IsOptional()
  @IsString({ message: refusalMessage('must be a string') })
  @MaxLength(10_000, { message: '$property must be at most 10000 characters long.' })
  message?: string;

  /** The first this-many attempts fail with a transient error (to demonstrate retries). */
  @IsOptional()
  @IntegerFrom(0, 100)
  fail_attempts?: number;

  /** Puts each dependency's id, type and result in the result (to demonstrate pipelines). */
  @IsOptional()
  @IsBoolean({ message: refusalMessage('must be true or false') })
  report_dependencies?: boolean;
}
