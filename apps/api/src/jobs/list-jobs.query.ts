import { JOB_STATE_VALUES } from '@lib/job-status';
import type { JobState } from '@lib/job-status';
import { IntegerFrom, refusalMessage } from '@lib/validation';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { JOB_STATE } from '../openapi/schema-options';
import { Transform } from 'class-transformer';
import type { ValidationArguments } from 'class-validator';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { JOB_LIST_FIELDS } from './job-list-fields';
import type { JobListField } from './job-list-fields';

/** Most jobs one page of `GET /jobs` holds: a page of large payloads stays a few MB. */
export const MAX_JOBS_PER_PAGE = 200;

const unknownFields = ({ value }: ValidationArguments): string => {
  const unknown = [value as unknown]
    .flat()
    .filter((field) => !(JOB_LIST_FIELDS as readonly unknown[]).includes(field));
  return (
    `fields ${unknown.map((field) => `"${String(field)}"`).join(', ')} ` +
    `${unknown.length === 1 ? 'is not a field' : 'are not fields'} of a job. ` +
    `Known fields: ${JOB_LIST_FIELDS.join(', ')}.`
  );
};

// A query string's values are text; one given twice arrives as an array.
const TEXT = { fromText: true };

/** Query string of `GET /jobs`. */
export class ListJobsQuery {
  @ApiPropertyOptional(JOB_STATE)
  @IsOptional()
  @IsIn(JOB_STATE_VALUES, {
    message: refusalMessage(`must be one of ${JOB_STATE_VALUES.join(', ')}`, TEXT),
  })
  status?: JobState;

  @IsOptional()
  @IsString({ message: refusalMessage('must be one job type', TEXT) })
  type?: string;

  @IsOptional()
  @IsString({ message: refusalMessage('must be one queue', TEXT) })
  queue?: string;

  /** Jobs per page. */
  @ApiPropertyOptional({ type: 'integer', default: 50 })
  @IsOptional()
  @IntegerFrom(1, MAX_JOBS_PER_PAGE, { coerce: true })
  limit: number = 50;

  @IsOptional()
  @IsString({ message: refusalMessage('must be the next_cursor of the previous page', TEXT) })
  cursor?: string;

  @ApiPropertyOptional({
    type: String,
    description:
      'Comma-separated fields each job carries; the others are left out, and a payload or ' +
      `result left out is not read. Default: every field. Known fields: ${JOB_LIST_FIELDS.join(', ')}.`,
    example: 'id,status,type',
  })
  @IsOptional()
  // A repeated parameter (?fields=a&fields=b) arrives as an array: both forms are read.
  @Transform(({ value }: { value: unknown }) =>
    [value]
      .flat()
      .flatMap((part) => String(part).split(','))
      .map((field) => field.trim())
      .filter((field) => field !== ''),
  )
  @IsIn(JOB_LIST_FIELDS, { each: true, message: unknownFields })
  fields?: JobListField[];
}
