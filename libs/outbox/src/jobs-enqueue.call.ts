import { IdempotencyConflictError } from '@lib/dispatch';
import { EnqueueRefusedError } from './enqueue-refused.error';
import { queryRows } from './sql-executor';
import type { SqlExecutor } from './sql-executor';

// The casts pick jobs_enqueue(text, jsonb, jsonb) whatever types the driver announces.
const ENQUEUE = 'SELECT jobs_enqueue($1::text, $2::jsonb, $3::jsonb) AS id';

interface PostgresError {
  code?: string;
  constraint?: string;
  detail?: string;
  message: string;
}

/** The platform's error for what jobs_enqueue() raised, or null for any other failure. */
function refusalOf(error: unknown, idempotencyKey: unknown): Error | null {
  // TypeORM wraps the driver's error; pg throws it as it is.
  const cause = ((error as { driverError?: unknown }).driverError ?? error) as PostgresError;
  if (!cause.message?.startsWith('jobs_enqueue: ')) {
    return null;
  }
  if (cause.code === '23505' && cause.constraint === 'job_statuses_idempotency_key') {
    const existingJobId = /[0-9a-f-]{36}/.exec(cause.detail ?? '')?.[0] ?? 'unknown';
    return new IdempotencyConflictError(String(idempotencyKey), existingJobId);
  }
  return new EnqueueRefusedError(cause.message, cause.code ?? '');
}

/**
 * `SELECT jobs_enqueue(type, payload, options)` on the caller's executor.
 * @returns the job's id
 * @throws IdempotencyConflictError, EnqueueRefusedError, or the driver's error as it is
 */
export async function callJobsEnqueue(
  executor: SqlExecutor,
  type: string,
  payload: object,
  options: Record<string, unknown>,
): Promise<string> {
  try {
    const [row] = await queryRows<{ id: string }>(executor, ENQUEUE, [
      type,
      JSON.stringify(payload),
      JSON.stringify(options),
    ]);
    return row.id;
  } catch (error) {
    throw refusalOf(error, options.idempotency_key) ?? error;
  }
}
