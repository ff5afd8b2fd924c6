import type { ClientBase } from 'pg';
import type { EntityManager } from 'typeorm';

/**
 * Where the caller's transaction runs: a `pg` client (a `PoolClient` after `BEGIN`) or the
 * EntityManager that TypeORM's `transaction()` hands out. A Pool or `dataSource.manager`
 * would run each statement in a transaction of its own, so neither is accepted here.
 */
export type SqlExecutor = ClientBase | EntityManager;

// Duck-typed: the caller's TypeORM may be another copy than ours, failing instanceof.
const isEntityManager = (executor: SqlExecutor): executor is EntityManager =>
  typeof (executor as Partial<EntityManager>).getRepository === 'function';

/** Runs one parameterized statement on the executor and returns its rows. */
export async function queryRows<Row>(
  executor: SqlExecutor,
  sql: string,
  params: unknown[],
): Promise<Row[]> {
  if (isEntityManager(executor)) {
    return executor.query<Row[]>(sql, params);
  }
  const result = await executor.query(sql, params);
  return result.rows as Row[];
}
