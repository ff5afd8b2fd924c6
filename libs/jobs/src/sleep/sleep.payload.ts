import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { integerFrom, textUpTo } from '../validation-messages';

const MAX_SLEEP_MS = 3_600_000;

export class SleepPayload {
  /** How long to wait, in ms. */
  @IsInt(integerFrom(0, MAX_SLEEP_MS))
  @Min(0, integerFrom(0, MAX_SLEEP_MS))
  @Max(MAX_SLEEP_MS, integerFrom(0, MAX_SLEEP_MS))
  ms!: number;

  /** Echoed back in the result. */
  @IsOptional()
  @IsString(textUpTo(10_000))
  @MaxLength(10_000, textUpTo(10_000))
  message?: string;

  /** The first this-many attempts fail with a transient error (to demonstrate retries). */
  @IsOptional()
  @IsInt(integerFrom(0, 100))
  @Min(0, integerFrom(0, 100))
  @Max(100, integerFrom(0, 100))
  fail_attempts?: number;
}
