import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

const MAX_DELAY_MS = 86_400_000;
const delayRule = {
  message: `$property must be an integer from 0 to ${MAX_DELAY_MS}, got $value.`,
};

export class BackoffDto {
  @IsIn(['exponential', 'fixed'], {
    message: '$property must be "exponential" or "fixed", got $value.',
  })
  type!: 'exponential' | 'fixed';

  /** Delay before the second attempt, in ms. */
  @IsInt(delayRule)
  @Min(0, delayRule)
  @Max(MAX_DELAY_MS, delayRule)
  delay_ms!: number;

  /** Cap of exponential delays, in ms (default one hour). */
  @IsOptional()
  @IsInt(delayRule)
  @Min(0, delayRule)
  @Max(MAX_DELAY_MS, delayRule)
  max_delay_ms?: number;
}
