// The form `Date#toISOString` gives, which is also the commonest form of timestamp in a
// source: YYYY-MM-DDTHH:MM:SS, then optionally 1 to 3 digits of fraction, then Z.
const SEPARATORS: readonly [number, string][] = [
  [4, '-'],
  [7, '-'],
  [10, 'T'],
  [13, ':'],
  [16, ':'],
];
const DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
const ZERO = 48;
// What replaces the Z to give toISOString's three digits of fraction, by the input's length.
const FRACTIONS: Record<number, string> = { 20: '.000Z', 22: '00Z', 23: '0Z' };

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The number written by the digits at `from` (known to be digits) up to `to`. */
function numberAt(value: string, from: number, to: number): number {
  let number = 0;
  for (let i = from; i < to; i += 1) {
    number = number * 10 + value.charCodeAt(i) - ZERO;
  }
  return number;
}

const isDigit = (value: string, i: number): boolean => {
  const code = value.charCodeAt(i);
  return code >= ZERO && code <= ZERO + 9;
};

/** Whether `value` has the shape, fields unchecked; a regex costs more than the rest. */
function hasUtcShape(value: string): boolean {
  const length = value.length;
  if (length < 20 || length > 24 || length === 21 || value[length - 1] !== 'Z') {
    return false;
  }
  if (length > 20 && value[19] !== '.') {
    return false;
  }
  for (let i = 20; i < length - 1; i += 1) {
    if (!isDigit(value, i)) {
      return false;
    }
  }
  for (const [at, separator] of SEPARATORS) {
    if (value[at] !== separator) {
      return false;
    }
  }
  for (const at of DIGITS) {
    if (!isDigit(value, at)) {
      return false;
    }
  }
  return true;
}

/**
 * `new Date(Date.parse(value)).toISOString()` for a UTC timestamp such as
 * `2026-11-22T10:00:00Z` whose fields are all in range, without building a Date (a
 * tenth of the time, which counts at a million rows); undefined for anything else,
 * which then takes that slower path. Out-of-range fields (Feb 30, 24:00) are left
 * to it too, since V8 rolls them over into the next day.
 */
export function canonicalUtcTimestamp(value: string): string | undefined {
  if (!hasUtcShape(value)) {
    return undefined;
  }
  const month = numberAt(value, 5, 7);
  const day = numberAt(value, 8, 10);
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(numberAt(value, 0, 4), month) ||
    numberAt(value, 11, 13) > 23 ||
    numberAt(value, 14, 16) > 59 ||
    numberAt(value, 17, 19) > 59
  ) {
    return undefined;
  }
  return value.length === 24 ? value : value.slice(0, -1) + FRACTIONS[value.length];
}
