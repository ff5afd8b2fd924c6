// The form `Date#toISOString` gives, which is also the commonest form of timestamp in a source.
const UTC_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * `new Date(Date.parse(value)).toISOString()` for a UTC timestamp such as
 * `2026-11-22T10:00:00Z` whose fields are all in range, without building a Date (a
 * tenth of the time, which counts at a million rows); undefined for anything else,
 * which then takes that slower path. Out-of-range fields (Feb 30, 24:00) are left
 * to it too, since V8 rolls them over into the next day.
 */
export function canonicalUtcTimestamp(value: string): string | undefined {
  const match = UTC_TIMESTAMP.exec(value);
  if (match === null) {
    return undefined;
  }
  const [, year, month, day, hour, minute, second, fraction] = match;
  const monthNumber = Number(month);
  const dayNumber = Number(day);
  if (
    monthNumber < 1 ||
    monthNumber > 12 ||
    dayNumber < 1 ||
    dayNumber > daysInMonth(Number(year), monthNumber) ||
    Number(hour) > 23 ||
    Number(minute) > 59 ||
    Number(second) > 59
  ) {
    return undefined;
  }
  if (fraction?.length === 3) {
    return value;
  }
  return `${value.slice(0, 19)}.${(fraction ?? '').padEnd(3, '0')}Z`;
}
