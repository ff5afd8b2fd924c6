import type { QueueName } from '@lib/queues';
import type { ClassConstructor } from 'class-transformer';
import type { JobContext } from './job-context';
import { DEFAULT_RETRY_POLICY } from './retry-policy';
import type { RetryPolicy } from './retry-policy';

/**
 * A job type. Subclasses declare their wire name, where they run by default, how
 * they retry, the class that validates their payload, and what they do.
 *
 * @typeParam Payload the validated payload (a class-validator decorated class)
 * @typeParam Result what `perform` returns; stored as JSON in the job's status
 */
export abstract class BaseJob<Payload extends object = object, Result = unknown> {
  /** Wire name in snake_case, e.g. `truncate_table`. */
  abstract readonly type: string;
  /** Queue used when a request names none. */
  readonly defaultQueue: QueueName = 'default';
  readonly retryPolicy: RetryPolicy = DEFAULT_RETRY_POLICY;
  /**
   * Largest payload, in bytes of its JSON (UTF-8); null: JOB_PAYLOAD_MAX_BYTES applies.
   * Checked at dispatch, before the payload is validated.
   */
  readonly payloadMaxBytes: number | null = null;
  /** Longest an attempt may run, in ms, unless a request says otherwise (default 15 min). */
  readonly defaultTimeoutMs: number = 15 * 60_000;
  /** class-validator decorated class describing the payload; unknown fields are refused. */
  abstract readonly payloadClass: ClassConstructor<Payload>;

  /**
   * Rules that need configuration or I/O beyond the payload's shape, e.g. an allow-list.
   * Runs at dispatch and again in the worker before every attempt.
   * @throws InvalidPayloadError
   */
  async checkPayload(_payload: Payload): Promise<void> {}

  /**
   * Does the work. Throw `PermanentJobError` when retrying cannot help; any other
   * error is retried per the retry policy. Stop promptly once `ctx.signal` aborts.
   */
  abstract perform(payload: Payload, ctx: JobContext): Promise<Result>;
}
