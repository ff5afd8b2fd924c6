import type { ValidationArguments } from 'class-validator';
import { receivedValue } from './received-value';
import type { ReceivedValueOptions } from './received-value';

/**
 * A class-validator message naming the property, the rule and the value received:
 * `refusalMessage('must be "exponential" or "fixed"')` reads
 * `type must be "exponential" or "fixed", got "linear".` class-validator's own `$value`
 * leaves arrays, objects and missing values as the placeholder, and shows text unquoted.
 * @param rule what the value must be, after the property's name
 */
export function refusalMessage(
  rule: string,
  options: ReceivedValueOptions = {},
): (args: ValidationArguments) => string {
  return ({ property, value }) => `${property} ${rule}, got ${receivedValue(value, options)}.`;
}
