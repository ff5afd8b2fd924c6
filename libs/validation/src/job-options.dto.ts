import { Type } from 'class-transformer';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { BackoffDto } from './backoff.dto';
import { IntegerFrom } from './integer-from.decorator';
import { refusalMessage } from './refusal-message';

const MAX_PRIORITY = 1_000_000;
const MAX_DELAY_MS = 365 * 24 * 3600 * 1000;
// The ISO-8601 forms Postgres reads too (jobs_enqueue() takes the same options): no week or
// ordinal dates.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;
const DATE_TIME_RULE = { message: refusalMessage('must be an ISO-8601 date-time') };

/**
 * Everything a job request may say besides its type and payload, with its rules: the body of
 * `POST /create-jobs` extends it, and the outbox checks `jobs_enqueue()` options with it.
 */
export class JobOptionsDto {
  /** high, default or low; defaults to the job type's queue. @example "high" */
  @IsOptional()
  @IsString({ message: refusalMessage('must be a string naming a queue') })
  queue?: string;

  /** 0 (default) runs first, then 1, 2, … within the queue. @example 0 */
  @IsOptional()
  @IntegerFrom(0, MAX_PRIORITY)
  priority?: number;

  /** Wait this long before the first attempt, in ms. Exclusive with run_at. @example 60000 */
  @IsOptional()
  @IntegerFrom(0, MAX_DELAY_MS)
  delay_ms?: number;

  /** Run no earlier than this ISO-8601 time. Exclusive with delay_ms. @example "2026-11-23T02:00:00Z" */
  // class-validator runs a property's rules from the last decorator up.
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @Matches(DATE_TIME, DATE_TIME_RULE)
  @IsISO8601({ strict: true }, DATE_TIME_RULE)
  run_at?: string;

  /** Attempts in all, the first included; defaults to the job type's policy. @example 5 */
  @IsOptional()
  @IntegerFrom(1, 100)
  max_attempts?: number;

  /** Longest an attempt may run, in ms (at most JOB_MAX_TIMEOUT_MS); defaults to the job type's. @example 60000 */
  @IsOptional()
  @IntegerFrom(1, 604_800_000)
  timeout_ms?: number;

  @IsOptional()
  @IsObject({ message: refusalMessage('must be an object {type, delay_ms, max_delay_ms?}') })
  @ValidateNested()
  @Type(() => BackoffDto)
  backoff?: BackoffDto;

  /** Sending the same key again returns the same job instead of creating another. @example "nightly-2026-11-22" */
  @IsOptional()
  @IsString({ message: refusalMessage('must be a string') })
  @Length(1, 200, { message: refusalMessage('must be 1 to 200 characters long') })
  idempotency_key?: string;
}
