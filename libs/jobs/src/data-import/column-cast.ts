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
// Each character can be read one way only (digits before the point are never shared with
// digits after it), so a value that fails is given up in linear time. The older
// /^[+-]?(\d+\.?\d*|\.\d+)…$/ split a run of digits every possible way: 40 000 digits and
// an "x" held the event loop for seconds.
const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;
const TRUE = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'f', 'no', 'n', '0']);

/**
 * The longest value, in characters, a column other than text may hold: no number,
 * boolean or timestamp a source means is longer, and nothing longer reaches a pattern or
 * a parser, whose time grows with the length.
 */
export const MAX_CAST_CHARS = 1000;

// A value's own text is never repeated in errors: it comes from the source, which may be
// an internal service's answer.
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
  throw new BadValueError(`not text (a JSON ${Array.isArray(value) ? 'array' : typeof value})`);
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
    throw new BadValueError('an integer outside the range of bigint');
  }
  throw new BadValueError('not an integer');
}

function numeric(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  if (typeof value === 'string' && isNumericLiteral(value.trim())) {
    return value.trim();
  }
  throw new BadValueError('not a number');
}

/** Whether `text` is a decimal literal Postgres's numeric reads; linear in its length. */
export const isNumericLiteral = (text: string): boolean => NUMERIC.test(text);

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
  throw new BadValueError('not a boolean (true/false, t/f, yes/no, y/n, 1/0)');
}

function timestamp(value: unknown): string {
  const canonical = typeof value === 'string' ? canonicalUtcTimestamp(value) : undefined;
  if (canonical !== undefined) {
    return canonical;
  }
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new BadValueError('not a timestamp');
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
 * text) an empty string become NULL. A value of another type than text longer than
 * {@link MAX_CAST_CHARS} is refused before any pattern reads it.
 * @throws BadValueError saying which rule the value breaks, without repeating it
 */
export function castValue(value: unknown, type: ColumnType): CastValue {
  if (value === undefined || value === null || (value === '' && type !== 'text')) {
    return null;
  }
  if (type !== 'text' && typeof value === 'string' && value.length > MAX_CAST_CHARS) {
    throw new BadValueError(
      `longer than ${MAX_CAST_CHARS} characters, the most a ${type} value may have`,
    );
  }
  return CASTS[type](value);
}
