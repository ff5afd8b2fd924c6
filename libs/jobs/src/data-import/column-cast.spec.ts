import { BadValueError, castValue } from './column-cast';

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
    ['integer', '1.5', '"1.5" is not an integer'],
    ['integer', '9223372036854775808', '"9223372036854775808" is not an integer'],
    ['integer', 2 ** 60, `${2 ** 60} is not an integer`],
    ['numeric', 'abc', '"abc" is not a number'],
    ['numeric', 'NaN', '"NaN" is not a number'],
    ['boolean', 'maybe', '"maybe" is not a boolean'],
    ['timestamp', 'yesterday', '"yesterday" is not a timestamp'],
    ['timestamp', 1700000000, '1700000000 is not a timestamp'],
    ['text', { a: 1 }, '{"a":1} is not text'],
    ['text', 'a\u0000b', 'holds a NUL character or an unpaired surrogate'],
  ] as const)('refuses %s %j: %s', (type, value, message) => {
    expect(() => castValue(value, type)).toThrow(new BadValueError(message));
  });
});
