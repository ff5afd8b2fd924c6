import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { EntityManager } from 'typeorm';
import type { DataSource } from 'typeorm';

/**
 * Runs a hot statement as a named prepared statement: Postgres parses it once per
 * connection, and plans it once too when its plan does not depend on the values. The rows
 * come back as they are whatever the statement (TypeORM's `query` shapes UPDATE answers
 * differently from SELECT ones). `name` must identify `text`: one name, one statement. On an EntityManager of a transaction the
 * statement runs on that transaction's connection, otherwise on any of the pool's.
 */
export async function preparedQuery<Row extends QueryResultRow>(
  on: DataSource | EntityManager,
  name: string,
  text: string,
  values: unknown[],
): Promise<Row[]> {
  return (await (await clientOf(on)).query<Row>({ name, text, values })).rows;
}

async function clientOf(on: DataSource | EntityManager): Promise<Pool | PoolClient> {
  if (on instanceof EntityManager) {
    if (on.queryRunner) {
      return (await on.queryRunner.connect()) as PoolClient;
    }
    return clientOf(on.connection);
  }
  return (on.driver as unknown as { master: Pool }).master;
}
