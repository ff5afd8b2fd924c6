import { TimeoutTooLongError } from '@lib/dispatch';
import { UnknownQueueError, isQueueName } from '@lib/queues';
import { findUnstorableText, JobOptionsDto, unstorableTextProblem } from '@lib/validation';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { ValidationError } from 'class-validator';
import { InvalidJobOptionsError } from './invalid-job-options.error';

const KNOWN_OPTIONS =
  'backoff, delay_ms, idempotency_key, max_attempts, priority, queue, run_at, timeout_ms';

const given = (value: unknown): boolean => value !== undefined && value !== null;

function problemsOf(error: ValidationError, parent: string | null): string[] {
  if (error.constraints?.whitelistValidation) {
    return parent === null
      ? [`"${error.property}" is not an option. Known options: ${KNOWN_OPTIONS}.`]
      : [
          `${parent}.${error.property} is not a field of ${parent}. Fields: type, delay_ms, max_delay_ms.`,
        ];
  }
  const prefix = parent === null ? '' : `${parent}.`;
  const own = Object.values(error.constraints ?? {}).map((rule) => `${prefix}${rule}`);
  return [...own, ...(error.children ?? []).flatMap((child) => problemsOf(child, error.property))];
}

/**
 * Checks a request's options (everything but `type` and `payload`) as POST /create-jobs does.
 * @param maxTimeoutMs the largest `timeout_ms` allowed (JOB_MAX_TIMEOUT_MS)
 * @throws InvalidJobOptionsError naming each option and the rule it breaks
 * @throws UnknownQueueError, TimeoutTooLongError
 */
export async function checkJobOptions(
  options: Record<string, unknown>,
  maxTimeoutMs: number,
): Promise<void> {
  const unstorable = Object.entries(options)
    .map(([name, value]) => findUnstorableText(value, name))
    .find((path) => path !== null);
  if (unstorable) {
    throw new InvalidJobOptionsError([unstorableTextProblem(unstorable)]);
  }
  const errors = await validate(plainToInstance(JobOptionsDto, options), {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
  });
  const problems = errors.flatMap((error) => problemsOf(error, null));
  if (given(options.delay_ms) && given(options.run_at)) {
    problems.push(
      'delay_ms and run_at cannot both be given: use one to say when the job may start.',
    );
  }
  if (problems.length > 0) {
    throw new InvalidJobOptionsError(problems);
  }
  if (typeof options.queue === 'string' && !isQueueName(options.queue)) {
    throw new UnknownQueueError(options.queue);
  }
  if (typeof options.timeout_ms === 'number' && options.timeout_ms > maxTimeoutMs) {
    throw new TimeoutTooLongError(options.timeout_ms, maxTimeoutMs);
  }
}
