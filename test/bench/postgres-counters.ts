import { setTimeout as sleep } from 'node:timers/promises';
import type { TestDatabase } from '@lib/testing';
import { Client } from 'pg';

// Postgres publishes a backend's counts when it goes idle, at most once a second.
const STATS_FLUSH_MS = 1500;

/**
 * Runs one query on the `postgres` database of `database`'s server (which need not exist
 * yet), so that the bench's own reads are counted in no bench database.
 */
async function onServer<Row>(database: TestDatabase, sql: string, params: unknown[]): Promise<Row> {
  const url = new URL(database.url);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows[0] as Row;
  } finally {
    await client.end();
  }
}

/**
 * Transactions committed or rolled back in `database` so far (pg_stat_database), once the
 * backends have had time to publish their counts. Every statement outside an explicit
 * transaction is a transaction of its own, so this is a floor for statements sent.
 */
export async function postgresTransactions(database: TestDatabase): Promise<number> {
  await sleep(STATS_FLUSH_MS);
  const row = await onServer<{ n: string }>(
    database,
    'SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1',
    [database.name],
  );
  return Number(row.n);
}

/** The server's version, e.g. "15.20". */
export async function postgresVersion(database: TestDatabase): Promise<string> {
  return (await onServer<{ server_version: string }>(database, 'SHOW server_version', []))
    .server_version;
}
