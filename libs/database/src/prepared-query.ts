import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Runs a hot statement as a named prepared statement on the pool under TypeORM: Postgres
 * parses and plans it once per connection instead of on every call, and the rows come
 * back as they are whatever the statement (TypeORM's `query` shapes UPDATE answers
 * differently from SELECT ones). `name` must identify `text`: one name, one statement.
 */
export async function preparedQuery<Row extends QueryResultRow>(
  dataSource: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<Row[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  return (await pool.query<Row>({ name, text, values })).rows;
}
