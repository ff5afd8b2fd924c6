import { Client, escapeIdentifier } from 'pg';
import { DatabaseUnreachableError } from './database-unreachable.error';
import { DatabaseUrl } from './database-url';

// 42P04 duplicate_database, 23505 unique_violation: another process created it first.
const ALREADY_CREATED = new Set(['42P04', '23505']);

/** Creates the database named in DATABASE_URL when it does not exist yet. */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new DatabaseUrl(databaseUrl);
  const client = new Client({
    connectionString: url.maintenanceUrl(),
    connectionTimeoutMillis: 5000,
  });
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseUnreachableError(url, error);
  }
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      url.databaseName,
    ]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE ${escapeIdentifier(url.databaseName)}`);
    }
  } catch (error) {
    if (!ALREADY_CREATED.has((error as { code?: string }).code ?? '')) {
      throw error;
    }
  } finally {
    await client.end();
  }
}
