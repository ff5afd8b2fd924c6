import { IntegerFrom, refusalMessage } from '@lib/validation';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { TablePayload } from '../table-payload';
import { COLUMN_TYPES } from './column-cast';
import type { ColumnType } from './column-cast';

export const IMPORT_FORMATS = ['csv', 'ndjson', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const identifierRule = {
  message: refusalMessage(
    'must be a column name (letters, digits and "_", not starting with a digit)',
  ),
};

/** Where the rows come from: exactly one of `url` and `file`. */
export class ImportSource {
  /** An http:// or https:// URL. */
  @IsOptional()
  @IsString({ message: refusalMessage('must be a string') })
  @MaxLength(2048, { message: '$property must be at most 2048 characters long.' })
  url?: string;

  /** A path relative to IMPORT_DIR. */
  @IsOptional()
  @IsString({ message: refusalMessage('must be a string') })
  @MinLength(1, { message: '$property must not be empty.' })
  @MaxLength(1024, { message: '$property must be at most 1024 characters long.' })
  file?: string;
}

/** One target column: the source field it comes from and the cast it goes through. */
export class ImportColumn {
  @Matches(IDENTIFIER, identifierRule)
  name!: string;

  /** The source field (CSV header or JSON key); defaults to `name`. */
  @IsOptional()
  @IsString({ message: refusalMessage('must be a string') })
  @MinLength(1, { message: '$property must not be empty.' })
  from?: string;

  @IsIn(COLUMN_TYPES, { message: refusalMessage(`must be one of ${COLUMN_TYPES.join(', ')}`) })
  type!: ColumnType;
}

// class-validator runs a property's rules from the last decorator up: the type check comes last.
export class DataImportPayload extends TablePayload {
  @ValidateNested()
  @Type(() => ImportSource)
  @IsObject({ message: refusalMessage('must be an object with a url or a file') })
  source!: ImportSource;

  @IsIn(IMPORT_FORMATS, { message: refusalMessage(`must be one of ${IMPORT_FORMATS.join(', ')}`) })
  format!: ImportFormat;

  @ArrayMinSize(1, { message: '$property must list at least one column.' })
  @ArrayMaxSize(200, { message: '$property must list at most 200 columns.' })
  @ValidateNested({ each: true })
  @Type(() => ImportColumn)
  @IsArray({ message: refusalMessage('must be an array of {name, from?, type}') })
  columns!: ImportColumn[];

  /** Columns that identify a row: a re-run updates the row instead of adding another. */
  @ArrayMinSize(1, { message: '$property must list at least one column.' })
  @Matches(IDENTIFIER, { ...identifierRule, each: true })
  @IsArray({ message: refusalMessage('must be an array of column names') })
  key!: string[];

  /** Rows written per statement (and per transaction). */
  @IsOptional()
  @IntegerFrom(1, 10_000)
  batch_size: number = 1000;

  /** More bad rows than this fails the job; unset, bad rows never do. */
  @IsOptional()
  @IntegerFrom(0, 1_000_000_000)
  max_failed_rows?: number;
}
