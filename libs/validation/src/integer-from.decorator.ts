import 'reflect-metadata';
import { Transform } from 'class-transformer';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { refusalMessage } from './refusal-message';

export interface IntegerFromOptions {
  /** Convert a string (query string, environment variable) to a number first. */
  coerce?: boolean;
  /** End the message with `, got <value>.`; off where the caller quotes the raw value itself. */
  showValue?: boolean;
}

const WHOLE_NUMBER = /^-?\d+$/;

/**
 * An integer in [min, max], with one message for every way it can be wrong
 * (`ms must be an integer from 0 to 3600000, got 5000000.`, `limit must be an integer
 * from 1 to 200, got "abc".`) and the same bounds in the OpenAPI document; whether it is
 * required is left to the property's `?`.
 */
export function IntegerFrom(
  min: number,
  max: number,
  { coerce = false, showValue = true }: IntegerFromOptions = {},
): PropertyDecorator {
  const rule = `must be an integer from ${min} to ${max}`;
  const message = showValue ? refusalMessage(rule, { fromText: coerce }) : `$property ${rule}`;
  const decorators = [
    IsInt({ message }),
    Min(min, { message }),
    Max(max, { message }),
    ApiProperty({ type: 'integer', minimum: min, maximum: max }),
  ];
  if (coerce) {
    decorators.unshift(Transform(({ value }: { value: unknown }) => toInteger(value, min, max)));
  }
  return (target, property) => {
    for (const decorate of decorators) {
      decorate(target, property);
    }
  };
}

// Text becomes a number only when it is a whole number in range: anything refused keeps
// the text as received ("abc", "1.5", "500", or both values of a repeated parameter), so
// the message names that, not NaN or a rounded number.
function toInteger(value: unknown, min: number, max: number): unknown {
  if (typeof value !== 'string' || !WHOLE_NUMBER.test(value)) {
    return value;
  }
  const number = Number(value);
  return number >= min && number <= max ? number : value;
}
