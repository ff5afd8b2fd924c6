import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export interface IntegerFromOptions {
  /** Convert a string (query string, environment variable) to a number first. */
  coerce?: boolean;
  /** End the message with `, got <value>.`; off where the caller quotes the raw value itself. */
  showValue?: boolean;
}

/**
 * An integer in [min, max], with one message for every way it can be wrong
 * (`ms must be an integer from 0 to 3600000, got 5000000.`) and the same bounds in the
 * OpenAPI document; whether it is required is left to the property's `?`.
 */
export function IntegerFrom(
  min: number,
  max: number,
  { coerce = false, showValue = true }: IntegerFromOptions = {},
): PropertyDecorator {
  const rule = {
    message: `$property must be an integer from ${min} to ${max}${showValue ? ', got $value.' : ''}`,
  };
  const decorators = [
    IsInt(rule),
    Min(min, rule),
    Max(max, rule),
    ApiProperty({ type: 'integer', minimum: min, maximum: max }),
  ];
  if (coerce) {
    decorators.unshift(Type(() => Number));
  }
  return (target, property) => {
    for (const decorate of decorators) {
      decorate(target, property);
    }
  };
}
