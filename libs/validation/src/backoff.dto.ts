import { IntegerFrom } from './integer-from.decorator';
import { IsIn, IsOptional } from 'class-validator';
import { refusalMessage } from './refusal-message';

const MAX_DELAY_MS = 86_400_000;

/** How long to wait between attempts, as a request says it (`backoff`). */
export class BackoffDto {
  @IsIn(['exponential', 'fixed'], {
    message: refusalMessage('must be "exponential" or "fixed"'),
  })
  type!: 'exponential' | 'fixed';

  /** Delay before the second attempt, in ms. @example 1000 */
  @IntegerFrom(0, MAX_DELAY_MS)
  delay_ms!: number;

  /** Cap of exponential delays, in ms (default one hour). @example 60000 */
  @IsOptional()
  @IntegerFrom(0, MAX_DELAY_MS)
  max_delay_ms?: number;
}
