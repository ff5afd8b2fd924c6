import { canonicalUtcTimestamp } from './utc-timestamp';

const viaDate = (value: string): string => new Date(Date.parse(value)).toISOString();

describe('canonicalUtcTimestamp', () => {
  it.each([
    '2026-11-22T10:00:00Z',
    '2026-11-22T10:00:00.5Z',
    '2026-11-22T10:00:00.05Z',
    '2026-11-22T10:00:00.123Z',
    '2024-02-29T23:59:59Z',
    '2000-02-29T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999Z',
  ])('gives what Date#toISOString gives for %s', (value) => {
    expect(canonicalUtcTimestamp(value)).toBe(viaDate(value));
  });

  it.each([
    '2026-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-00-10T00:00:00Z',
    '2026-01-00T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T23:60:00Z',
    '2026-01-01T23:59:60Z',
    '2026-01-01T00:00:00.1234Z',
    '2026-01-01T00:00:00+01:00',
    '2026-01-01T00:00:00',
    '2026-01-01T00:00Z',
    '2026-01-01',
    ' 2026-01-01T00:00:00Z',
    '2026-01-01T00:00:00z',
    '2026-01-01T00:00:00.Z',
    '2026-01-01T00:00:00.1aZ',
    '2026-01-01T00:00:00x12Z',
    '2026-01-01 00:00:00Z',
    '2026/01/01T00:00:00Z',
    'a026-01-01T00:00:00Z',
    '２026-01-01T00:00:00Z',
  ])('leaves %s to Date.parse', (value) => {
    expect(canonicalUtcTimestamp(value)).toBeUndefined();
  });

  it('agrees with Date.parse on every day and time of two years, a leap year included', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    for (const year of [2023, 2024]) {
      for (let month = 1; month <= 13; month += 1) {
        for (let day = 0; day <= 32; day += 1) {
          const value = `${year}-${two(month)}-${two(day)}T${two(day % 25)}:${two(month * 5)}:07Z`;
          const fast = canonicalUtcTimestamp(value);
          if (fast !== undefined) {
            expect([value, fast]).toEqual([value, viaDate(value)]);
          }
        }
      }
    }
  });
});
