import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Makes `signal` cancel whatever statement `runner`'s connection is running (a TRUNCATE
 * waiting for its lock, a long INSERT): Postgres then rolls the transaction back.
 * Call the returned function once the statements are done, before the connection goes
 * back to the pool, so that a late abort cannot reach another caller's query.
 */
export async function cancelOnAbort(
  dataSource: DataSource,
  runner: QueryRunner,
  signal: AbortSignal,
): Promise<() => void> {
  const [{ pid }] = (await runner.query('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
  // Sent on another pooled connection: the runner's own is busy with the statement.
  const cancel = () =>
    void dataSource.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
  signal.addEventListener('abort', cancel, { once: true });
  return () => signal.removeEventListener('abort', cancel);
}
