import { IntegerFrom } from '@lib/validation';
import { IsIn, IsOptional } from 'class-validator';

const MAX_DELAY_MS = 86_400_000;

/** The rules of a request's `backoff`, as in the API's BackoffDto and jobs_enqueue(). */
export class BackoffRules {
  @IsIn(['exponential', 'fixed'], {
    message: '$property must be "exponential" or "fixed", got $value.',
  })
  type!: 'exponential' | 'fixed';

  @IntegerFrom(0, MAX_DELAY_MS)
  delay_ms!: number;

  @IsOptional()
  @IntegerFrom(0, MAX_DELAY_MS)
  max_delay_ms?: number;
}
