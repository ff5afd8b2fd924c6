import { InvalidPayloadError } from './errors/invalid-payload.error';
import { SleepJob } from './sleep/sleep.job';
import { validatePayload } from './validate-payload';

describe('validatePayload', () => {
  const sleep = new SleepJob();
  const problem = async (payload: unknown) => {
    const error = await validatePayload(sleep, payload).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidPayloadError);
    return (error as InvalidPayloadError).message;
  };

  it('returns a valid payload as a plain object', async () => {
    await expect(validatePayload(sleep, { ms: 10, message: 'hi' })).resolves.toEqual({
      ms: 10,
      message: 'hi',
    });
  });

  it('names the field, the rule and the value', async () => {
    expect(await problem({ ms: 5_000_000 })).toBe(
      'payload.ms must be an integer from 0 to 3600000, got 5000000.',
    );
    expect(await problem({ ms: 1, fail_attempts: -1 })).toBe(
      'payload.fail_attempts must be an integer from 0 to 100, got -1.',
    );
  });

  it('reports a missing required field', async () => {
    expect(await problem({})).toContain('payload.ms must be an integer');
  });

  it('refuses fields the job type does not take', async () => {
    expect(await problem({ ms: 1, colour: 'red' })).toBe(
      "payload.colour is not a field of sleep's payload.",
    );
  });

  it('refuses a payload that is not a JSON object', async () => {
    expect(await problem([1])).toBe('payload must be a JSON object, got [1].');
    expect(await problem('x')).toBe('payload must be a JSON object, got "x".');
  });
});
