import { InvalidArgumentError } from 'commander';

/** A commander parser of an integer option within `min`..`max`, naming the rule when refused. */
export function integerArgument(min: number, max: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!/^-?\d+$/.test(value) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`Expected an integer from ${min} to ${max}, got "${value}".`);
    }
    return parsed;
  };
}
