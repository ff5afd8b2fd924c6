import { InvalidArgumentError } from 'commander';

/** A commander parser of an option holding a JSON object, e.g. `--payload '{"ms":1000}'`. */
export function jsonObjectArgument(value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new InvalidArgumentError(
      `Expected a JSON object such as '{"ms":1000}': ${(error as Error).message}.`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidArgumentError(`Expected a JSON object such as '{"ms":1000}', got ${value}.`);
  }
  return parsed as Record<string, unknown>;
}
