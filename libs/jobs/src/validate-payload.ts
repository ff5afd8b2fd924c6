import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { ValidationError } from 'class-validator';
import type { BaseJob } from './base-job';
import { InvalidPayloadError } from './errors/invalid-payload.error';

function problemsOf(error: ValidationError, path: string, job: BaseJob): string[] {
  const field = `${path}.${error.property}`;
  if (error.constraints?.whitelistValidation) {
    return [`${field} is not a field of ${job.type}'s payload.`];
  }
  const own = Object.values(error.constraints ?? {}).map((rule) => `${path}.${rule}`);
  return [...own, ...(error.children ?? []).flatMap((child) => problemsOf(child, field, job))];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks a payload against its job type: its shape (payloadClass, unknown fields
 * refused) then the type's own rules (checkPayload).
 * @returns the payload with the class's defaults applied
 * @throws InvalidPayloadError naming each field and the rule it breaks
 */
export async function validatePayload<P extends object>(
  job: BaseJob<P>,
  payload: unknown,
): Promise<P> {
  if (!isPlainObject(payload)) {
    throw new InvalidPayloadError([
      `payload must be a JSON object, got ${JSON.stringify(payload)}.`,
    ]);
  }
  const instance = plainToInstance(job.payloadClass, payload, { exposeDefaultValues: true });
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
  });
  if (errors.length > 0) {
    throw new InvalidPayloadError(errors.flatMap((error) => problemsOf(error, 'payload', job)));
  }
  await job.checkPayload(instance);
  return { ...instance };
}
