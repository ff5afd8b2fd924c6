import { BadValueError, castValue, isNumericLiteral } from './column-cast';

describe('castValue', () => {
  it.each([
    ['text', 'héllo', 'héllo'],
    ['text', 42, '42'],
    ['text', '', ''],
    ['integer', ' -17 ', '-17'],
    ['integer', 9, '9'],
    ['integer', '9223372036854775807', '9223372036854775807'],
    ['integer', '-9223372036854775808', '-9223372036854775808'],
    ['integer', '123456789012345678', '123456789012345678'],
    ['integer', '007', '7'],
    ['integer', '+5', '5'],
    ['integer', '-0', '0'],
    ['numeric', '3.50', '3.50'],
    ['numeric', 1e-7, '1e-7'],
    ['numeric', ' -12.5e+3 ', '-12.5e+3'],
    ['numeric', '.5', '.5'],
    ['numeric', '5.', '5.'],
    ['numeric', '+1E-2', '+1E-2'],
    ['boolean', 'Yes', true],
    ['boolean', '0', false],
    ['boolean', false, false],
    ['timestamp', '2026-11-22T10:00:00+01:00', '2026-11-22T09:00:00.000Z'],
    ['timestamp', '2026-11-22T10:00:00Z', '2026-11-22T10:00:00.000Z'],
    ['timestamp', '2026-02-29T10:00:00Z', '2026-03-01T10:00:00.000Z'],
    ['integer', '', null],
    ['timestamp', null, null],
    ['text', undefined, null],
  ] as const)('casts %s %j to %j', (type, value, expected) => {
    expect(castValue(value, type)).toEqual(expected);
  });

  it.each([
    ['integer', '1.5', 'not an integer'],
    ['integer', '9223372036854775808', 'an integer outside the range of bigint'],
    ['integer', 2 ** 60, 'not an integer'],
    ['numeric', 'abc', 'not a number'],
    ['numeric', 'NaN', 'not a number'],
    ['numeric', '1.2.3', 'not a number'],
    ['numeric', '1e', 'not a number'],
    ['numeric', '.', 'not a number'],
    ['boolean', 'maybe', 'not a boolean (true/false, t/f, yes/no, y/n, 1/0)'],
    ['timestamp', 'yesterday', 'not a timestamp'],
    ['timestamp', 1700000000, 'not a timestamp'],
    ['text', { a: 1 }, 'not text (a JSON object)'],
    ['text', [1], 'not text (a JSON array)'],
    ['text', 'a\u0000b', 'holds a NUL character or an unpaired surrogate'],
  ] as const)('refuses %s %j: %s', (type, value, message) => {
    expect(() => castValue(value, type)).toThrow(new BadValueError(message));
  });

  it('never repeats the value in its error', () => {
    expect(() => castValue('s3cret-value', 'numeric')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('s3cret') }),
    );
  });

  it.each(['integer', 'numeric', 'boolean', 'timestamp'] as const)(
    'refuses a 1 MB %s value by its length before any pattern reads it',
    (type) => {
      const value = `${'1'.repeat(1024 * 1024)}x`;
      expect(() => castValue(value, type)).toThrow(
        new BadValueError(`longer than 1000 characters, the most a ${type} value may have`),
      );
    },
  );

  it('reads a 1 MB run of digits that ends in a letter in linear time', () => {
    // The pattern this one replaced backtracked quadratically: about half an hour here.
    expect(isNumericLiteral(`${'1'.repeat(1024 * 1024)}x`)).toBe(false);
    expect(isNumericLiteral(`${'1'.repeat(1024 * 1024)}.5e-3`)).toBe(true);
  });

  it('answers at once for a long run of digits that ends in a letter', () => {
    // The quadratic pattern this one replaced took seconds here; the cap stays below it.
    expect(() => castValue(`${'1'.repeat(999)}x`, 'numeric')).toThrow(
      new BadValueError('not a number'),
    );
    expect(castValue('1'.repeat(1000), 'numeric')).toBe('1'.repeat(1000));
  });

  it('keeps text of any length', () => {
    const long = 'a'.repeat(1024 * 1024);
    expect(castValue(long, 'text')).toBe(long);
  });
});
