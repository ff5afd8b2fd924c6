import { IntegerFrom } from '@lib/validation';
import { Type } from 'class-transformer';
import {
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { BackoffRules } from './backoff.rules';

const MAX_PRIORITY = 1_000_000;
const MAX_DELAY_MS = 365 * 24 * 3600 * 1000;
const MAX_TIMEOUT_MS = 604_800_000;
// The forms jobs_enqueue() reads (it refuses week and ordinal dates, which ISO-8601 also has).
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;
const dateTimeRule = { message: '$property must be an ISO-8601 date-time, got $value.' };

/**
 * The rules of a request's options, as in the API's CreateJobDto and jobs_enqueue(): checked
 * in TypeScript first, so that a bad request fails before it can abort the caller's transaction.
 */
export class JobOptionsRules {
  @IsOptional()
  @IsString({ message: '$property must be a string naming a queue.' })
  queue?: string;

  @IsOptional()
  @IntegerFrom(0, MAX_PRIORITY)
  priority?: number;

  @IsOptional()
  @IntegerFrom(0, MAX_DELAY_MS)
  delay_ms?: number;

  // class-validator runs a property's rules from the last decorator up.
  @IsOptional()
  @Matches(DATE_TIME, dateTimeRule)
  @IsISO8601({ strict: true }, dateTimeRule)
  run_at?: string;

  @IsOptional()
  @IntegerFrom(1, 100)
  max_attempts?: number;

  @IsOptional()
  @IntegerFrom(1, MAX_TIMEOUT_MS)
  timeout_ms?: number;

  @IsOptional()
  @IsObject({ message: '$property must be an object {type, delay_ms, max_delay_ms?}.' })
  @ValidateNested()
  @Type(() => BackoffRules)
  backoff?: BackoffRules;

  @IsOptional()
  @IsString({ message: '$property must be a string.' })
  @Length(1, 200, { message: '$property must be 1 to 200 characters long.' })
  idempotency_key?: string;
}
