import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IntegerFrom } from './integer-from.decorator';

class FromJson {
  @IntegerFrom(0, 100)
  ms!: number;
}

class FromText {
  @IntegerFrom(1, 200, { coerce: true })
  limit: number = 50;
}

class Unshown {
  @IntegerFrom(1, 10, { coerce: true, showValue: false })
  PORT = 5;
}

/** The messages a plain object's validation gives, one per property. */
function messages(target: new () => object, plain: object): string[] {
  return validateSync(plainToInstance(target, plain), { stopAtFirstError: true }).flatMap((error) =>
    Object.values(error.constraints ?? {}),
  );
}

describe('IntegerFrom', () => {
  it.each([
    [{ ms: 500 }, 'ms must be an integer from 0 to 100, got 500.'],
    [{ ms: 1.5 }, 'ms must be an integer from 0 to 100, got 1.5.'],
    [{ ms: '5' }, 'ms must be an integer from 0 to 100, got "5".'],
    [{ ms: [1, 2] }, 'ms must be an integer from 0 to 100, got [1,2].'],
    [{ ms: null }, 'ms must be an integer from 0 to 100, got null.'],
    [{}, 'ms must be an integer from 0 to 100, got nothing.'],
  ])('names the JSON value received: %j', (plain, message) => {
    expect(messages(FromJson, plain)).toEqual([message]);
  });

  it.each([
    ['abc', 'limit must be an integer from 1 to 200, got "abc".'],
    ['', 'limit must be an integer from 1 to 200, got "".'],
    ['1.5', 'limit must be an integer from 1 to 200, got "1.5".'],
    ['500', 'limit must be an integer from 1 to 200, got "500".'],
    ['0', 'limit must be an integer from 1 to 200, got "0".'],
    ['$property', 'limit must be an integer from 1 to 200, got "\\u0024property".'],
  ])('names the text received, quoted, never NaN or a placeholder: %j', (limit, message) => {
    expect(messages(FromText, { limit })).toEqual([message]);
  });

  it('says a parameter given more than once was, with its values', () => {
    expect(messages(FromText, { limit: ['5', '6'] })).toEqual([
      'limit must be an integer from 1 to 200, got it twice ("5", "6"): give it once.',
    ]);
    expect(messages(FromText, { limit: ['5', '6', '7'] })).toEqual([
      'limit must be an integer from 1 to 200, got it 3 times ("5", "6", "7"): give it once.',
    ]);
  });

  it('converts a whole number in range from text', () => {
    const query = plainToInstance(FromText, { limit: '20' });
    expect(validateSync(query)).toEqual([]);
    expect(query.limit).toBe(20);
  });

  it('leaves the value out of the message when showValue is off', () => {
    expect(messages(Unshown, { PORT: 'x' })).toEqual(['PORT must be an integer from 1 to 10']);
  });
});
