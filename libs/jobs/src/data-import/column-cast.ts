import { isStorableText } from '@lib/validation';
import { canonicalUtcTimestamp } from './utc-timestamp';

export const COLUMN_TYPES = ['text', 'integer', 'numeric', 'boolean', 'timestamp'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** What a cast hands to Postgres: a literal in text form, a boolean, or null. */
export type CastValue = string | boolean | null;

/** The Postgres type each column type is loaded as, before the target column's own. */
export const PG_TYPES: Record<ColumnType, string> = {
  text: 'text',
  integer: 'bigint',
  numeric: 'numeric',
  boolean: 'boolean',
  timestamp: 'timestamptz',
};

/** A value that does not fit its column's type: the row is bad, the import goes on. */
export class BadValueError extends Error {}

const INTEGER = /^[+-]?\d+$/;
// Already in the form BigInt#toString gives, and too short to leave int8's range.
const SHORT_CANONICAL_INTEGER = /^(0|-?[1-9]\d{0,17})$/;
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;
const TRUE = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'f', 'no', 'n', '0']);

const describe = (value: unknown): string => JSON.stringify(value)?.slice(0, 80) ?? String(value);

function text(value: unknown): string {
  if (typeof value === 'string') {
    if (!isStorableText(value)) {
      throw new BadValueError('holds a NUL character or an unpaired surrogate');
    }
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  throw new BadValueError(`${describe(value)} is not text`);
}

function integer(value: unknown): string {
  if (typeof value === 'string' && SHORT_CANONICAL_INTEGER.test(value)) {
    return value;
  }
  const literal = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof literal === 'string' && INTEGER.test(literal.trim())) {
    const parsed = BigInt(literal.trim());
    if (parsed >= INT8_MIN && parsed <= INT8_MAX) {
      return parsed.toString();
    }
  }
  throw new BadValueError(`${describe(value)} is not an integer`);
}

function numeric(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  if (typeof value === 'string' && NUMERIC.test(value.trim())) {
    return value.trim();
  }
  throw new BadValueError(`${describe(value)} is not a number`);
}

function boolean(value: unknown): boolean {
  if (typeof value === 'boolean') {
    return value;
  }
  const word = String(value).trim().toLowerCase();
  if (TRUE.has(word)) {
    return true;
  }
  if (FALSE.has(word)) {
    return false;
  }
  throw new BadValueError(`${describe(value)} is not a boolean`);
}

function timestamp(value: unknown): string {
  const canonical = typeof value === 'string' ? canonicalUtcTimestamp(value) : undefined;
  if (canonical !== undefined) {
    return canonical;
  }
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new BadValueError(`${describe(value)} is not a timestamp`);
  }
  return new Date(time).toISOString();
}

const CASTS: Record<ColumnType, (value: unknown) => CastValue> = {
  text,
  integer,
  numeric,
  boolean,
  timestamp,
};

/**
 * Casts one source value to its column's type. A missing value, null, and (except for
 * text) an empty string become NULL.
 * @throws BadValueError saying why the value does not fit
 */
export function castValue(value: unknown, type: ColumnType): CastValue {
  if (value === undefined || value === null || (value === '' && type !== 'text')) {
    return null;
  }
  return CASTS[type](value);
}
