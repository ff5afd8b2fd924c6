import type { CreateJobRequest } from '@lib/client';
import { InvalidPayloadError, validatePayload } from '@lib/jobs';
import type { JobRegistry } from '@lib/jobs';
import { findUnstorableText, unstorableTextProblem } from '@lib/validation';
import { checkJobOptions } from './check-job-options';
import { callJobsEnqueue } from './jobs-enqueue.call';
import type { SqlExecutor } from './sql-executor';

/** Largest `timeout_ms` the platform accepts at all (JOB_MAX_TIMEOUT_MS's own upper bound). */
const MAX_TIMEOUT_MS = 604_800_000;

export interface JobEnqueuerLimits {
  /** Largest `timeout_ms` a request may give, in ms; pass JOB_MAX_TIMEOUT_MS (default 604800000). */
  maxTimeoutMs?: number;
}

/**
 * Creates jobs inside the caller's own Postgres transaction (the outbox pattern): the job
 * exists if and only if that transaction commits, and the platform hears of it at commit
 * (`jobs_enqueued`), then hands it to Redis. For Node services sharing the platform's database.
 *
 * Construct it with the registry of the platform's job types: in a Nest app, import
 * `OutboxModule` and inject `JobEnqueuer`; elsewhere, `await createJobEnqueuer()`.
 */
export class JobEnqueuer {
  constructor(
    private readonly registry: JobRegistry,
    private readonly limits: JobEnqueuerLimits = {},
  ) {}

  /**
   * Checks the request as POST /create-jobs does (type, payload, options), then runs
   * `SELECT jobs_enqueue(…)` on `executor`, in the transaction the caller has open there.
   * Takes the same request as `JobsClient.createJob`.
   *
   * @returns the job's id; for a replayed `idempotency_key`, the id of the job it made
   * @throws UnknownJobTypeError, InvalidPayloadError, InvalidJobOptionsError, UnknownQueueError,
   *   TimeoutTooLongError: before anything is sent, so the transaction stays usable
   * @throws IdempotencyConflictError when the key was used for a different request, and
   *   EnqueueRefusedError: raised by Postgres, so (as after any failed statement) the
   *   transaction is aborted and must be rolled back
   */
  async enqueue<Payload extends object>(
    executor: SqlExecutor,
    request: CreateJobRequest<Payload>,
  ): Promise<string> {
    const { type, payload, ...options } = request;
    const job = this.registry.get(type);
    const unstorable = findUnstorableText(payload, 'payload');
    if (unstorable) {
      throw new InvalidPayloadError([unstorableTextProblem(unstorable)]);
    }
    const checked = await validatePayload(job, payload);
    await checkJobOptions(options, this.limits.maxTimeoutMs ?? MAX_TIMEOUT_MS);
    return callJobsEnqueue(executor, job.type, checked, options);
  }
}
